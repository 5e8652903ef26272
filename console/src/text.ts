/**
 * The console's own words (menus, buttons, headings), per language. The domain's vocabulary —
 * statuses, channels, classes, tiers, categories — comes from the API (`GET /v1/labels`), the one
 * catalogue the service and the console share; sentences about cases come from the API too.
 */
export const TEXT = {
  appName: { 'zh-CN': '矛盾纠纷调解派单台', en: 'Mediation dispatch console' },
  navBoard: { 'zh-CN': '派单台', en: 'Board' },
  navMediators: { 'zh-CN': '调解员', en: 'Mediators' },
  navSchedule: { 'zh-CN': '日程', en: 'Schedule' },
  navRebalance: { 'zh-CN': '夜间优化', en: 'Nightly rebalance' },
  navIndicators: { 'zh-CN': '考核指标', en: 'Indicators' },
  navMap: { 'zh-CN': '县域地图', en: 'County map' },
  navUsers: { 'zh-CN': '用户管理', en: 'Users' },
  signIn: { 'zh-CN': '登录', en: 'Sign in' },
  signOut: { 'zh-CN': '退出', en: 'Sign out' },
  username: { 'zh-CN': '用户名', en: 'Username' },
  password: { 'zh-CN': '密码', en: 'Password' },
  signInTitle: { 'zh-CN': '登录调解派单台', en: 'Sign in to the dispatch console' },
  signInFailed: { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  accountLocked: {
    'zh-CN': '登录失败次数过多，账户已临时锁定，请{minutes}分钟后再试',
    en: 'Too many failed attempts: try again in {minutes} min',
  },
  signingIn: { 'zh-CN': '正在登录…', en: 'Signing in…' },
  loading: { 'zh-CN': '加载中…', en: 'Loading…' },
  retry: { 'zh-CN': '重试', en: 'Retry' },
  language: { 'zh-CN': 'English', en: '中文' },
  // The accessible name contains the visible word (axe: label-content-name-mismatch, serious).
  languageSwitchLabel: { 'zh-CN': 'English（切换到英文）', en: '中文 (switch to Chinese)' },
  notFound: { 'zh-CN': '页面不存在', en: 'Page not found' },
  errorGeneric: { 'zh-CN': '出错了：{message}', en: 'Something went wrong: {message}' },
  serviceUnavailable: { 'zh-CN': '服务暂时不可用，请稍后重试', en: 'The service is unavailable; try again shortly' },
  forbidden: { 'zh-CN': '当前账户无权执行此操作', en: 'Your account may not do this' },
  sessionExpired: { 'zh-CN': '登录已过期，请重新登录', en: 'Your session has expired; please sign in again' },
  roleCourt: { 'zh-CN': '法院对接', en: 'court' },
  roleDispatcher: { 'zh-CN': '调度员', en: 'dispatcher' },
  roleViewer: { 'zh-CN': '查看员', en: 'viewer' },
  roleAdmin: { 'zh-CN': '管理员', en: 'admin' },
  live: { 'zh-CN': '实时', en: 'live' },
  offline: { 'zh-CN': '连接中断，正在重连', en: 'disconnected, reconnecting' },
} as const;

export type TextKey = keyof typeof TEXT;
