/**
 * localStorage when the browser allows it (private modes and some policies throw on access).
 *
 * @example
 * browserStorage()?.setItem('tessera.lang', 'zh-CN');
 */
export function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
