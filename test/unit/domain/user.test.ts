import { DisplayNameSchema, PasswordSchema, UsernameSchema, userView, type StoredUser } from '../../../src/domain/user';

describe('user names, display names and the password policy', () => {
  test.each(['wang', 'wang.wei', 'li_na-2', '007', 'a'.repeat(32)])('when the user name is %s, then it is accepted', (name) => {
    expect(UsernameSchema.safeParse(name).success).toBe(true);
  });

  test.each([
    ['too short', 'ab'],
    ['too long', 'a'.repeat(33)],
    ['upper case', 'Wang'],
    ['a leading dot', '.wang'],
    ['a space', 'wang wei'],
    ['Chinese', '王伟伟'],
    ['a brace (a Redis hash tag)', 'wa{ng}'],
  ])('when the user name has %s, then it is refused', (_why, name) => {
    expect(UsernameSchema.safeParse(name).success).toBe(false);
  });

  test('when the password is 9, 10, 200 or 201 characters, then only 10 to 200 pass, with a reason naming the bound', () => {
    expect(PasswordSchema.safeParse('x'.repeat(9)).error?.issues[0]?.message).toBe('passwords are at least 10 characters');
    expect(PasswordSchema.safeParse('x'.repeat(10)).success).toBe(true);
    expect(PasswordSchema.safeParse('密'.repeat(200)).success).toBe(true);
    expect(PasswordSchema.safeParse('x'.repeat(201)).error?.issues[0]?.message).toBe('passwords are at most 200 characters');
  });

  test('when the display name is Chinese, blank or 41 characters, then only the first passes', () => {
    expect(DisplayNameSchema.parse(' 调度员 ')).toBe('调度员');
    expect(DisplayNameSchema.safeParse('   ').success).toBe(false);
    expect(DisplayNameSchema.safeParse('名'.repeat(41)).success).toBe(false);
  });

  test('when a stored user is shown, then everything but the hash is', () => {
    const stored: StoredUser = {
      username: 'wang',
      displayName: '王',
      role: 'viewer',
      county: 'shandan',
      disabled: false,
      createdAt: '2026-01-01T00:00:00.000Z',
      passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$abc$def',
    };
    expect(userView(stored)).toEqual({
      username: 'wang',
      displayName: '王',
      role: 'viewer',
      county: 'shandan',
      disabled: false,
      createdAt: stored.createdAt,
    });
  });
});
