/** The cost model: domain → v1 problem (hard rules, named soft terms), candidates and rule checks. */
export * from './terms';
export * from './eligibility';
export * from './build-problem';
export * from './candidates';
