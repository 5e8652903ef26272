import { problemsOf } from '../../console/src/api';

describe('the fields an error body names', () => {
  test('when a 400 lists issues, then every one is a problem with its reason', () => {
    const details = {
      field: 'body.username',
      reason: 'bad name',
      issues: [
        { field: 'body.username', reason: 'bad name' },
        { field: 'body.password', reason: 'too short' },
      ],
    };
    expect(problemsOf(details, 'body.username: bad name')).toEqual(details.issues);
  });
  test('when the details name a field without a reason (a 409), then the message is the reason', () => {
    expect(problemsOf({ field: 'body.username', username: 'wang' }, 'user name "wang" is taken')).toEqual([
      { field: 'body.username', reason: 'user name "wang" is taken' },
    ]);
  });
  test('when the details name no field, then there is no field problem', () => {
    expect(problemsOf({ requestId: 'r1' }, 'internal error')).toEqual([]);
    expect(problemsOf(undefined, 'x')).toEqual([]);
    expect(problemsOf('text', 'x')).toEqual([]);
  });
});
