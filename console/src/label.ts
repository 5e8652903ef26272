/** A domain label from the API, in both languages (a module without JSX, so node tests can import it). */
export interface Label {
  readonly zh: string;
  readonly en: string;
}
