import { bodyOf, sortUsers, userFieldOf, type UserView } from '../../console/src/users/user-form';

const u = (username: string, disabled = false): UserView => ({
  username,
  displayName: username,
  role: 'dispatcher',
  county: 'c1',
  disabled,
  createdAt: '2026-12-01T00:00:00Z',
});

describe('the add-user form', () => {
  test('when names carry stray spaces, then they are trimmed and the password is sent as typed', () => {
    expect(bodyOf({ username: ' wang ', displayName: ' 王芳 ', role: 'viewer', password: ' secret pass ' })).toEqual({
      username: 'wang',
      displayName: '王芳',
      role: 'viewer',
      password: ' secret pass ',
    });
  });
  test('when the service names a body field, then the problem goes to that input; anything else to the user name', () => {
    expect(userFieldOf('body.password')).toBe('password');
    expect(userFieldOf('body.displayName')).toBe('displayName');
    expect(userFieldOf('body.role')).toBe('role');
    expect(userFieldOf('body.county')).toBe('username');
    expect(userFieldOf('body')).toBe('username');
  });
  test('when users are listed, then enabled accounts come first, each part by user name', () => {
    expect(sortUsers([u('b', true), u('c'), u('a', true), u('a2')]).map((x) => x.username)).toEqual(['a2', 'c', 'a', 'b']);
  });
});
