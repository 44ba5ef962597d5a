/**
 * Check-digit algorithms and date checks used by the identifier detectors.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/**
 * GB 11643-1999 check character (ISO 7064 MOD 11-2) for the first 17 digits of a resident
 * ID, or undefined when the input is not 17 digits.
 * @example cnIdCheckChar('11010519491231002') // 'X'
 */
export function cnIdCheckChar(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11];
}

// GB/T 2260 province-level codes (first two digits), plus 83 used by residence permits for
// Taiwan residents, so a random 18-digit string with a lucky check digit is still refused.
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
  53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

/**
 * Whether the first two digits of a resident ID name a province-level region.
 * @example isCnProvinceCode('110105') // true
 */
export function isCnProvinceCode(code: string): boolean {
  return PROVINCES.has(Number(code.slice(0, 2)));
}

/**
 * Whether year-month-day is a real Gregorian date (leap years included).
 * @example isValidDate(2000, 2, 29) // true
 */
export function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/**
 * Validates an 18-character resident ID: province code, birth date (1900..2099) and check
 * character (lower-case x accepted).
 * @example isValidCnResidentId('11010519491231002X') // true
 */
export function isValidCnResidentId(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id) || !isCnProvinceCode(id)) return false;
  const y = Number(id.slice(6, 10));
  if (y < 1900 || y > 2099 || !isValidDate(y, Number(id.slice(10, 12)), Number(id.slice(12, 14)))) {
    return false;
  }
  return cnIdCheckChar(id.slice(0, 17)) === id[17]!.toUpperCase();
}

/**
 * Validates a legacy 15-digit resident ID (before 1999): province code and a yyMMdd birth
 * date read as 19yy. It has no check digit, so this is weaker evidence.
 * @example isValidLegacyCnResidentId('110105491231002') // true
 */
export function isValidLegacyCnResidentId(id: string): boolean {
  if (!/^\d{15}$/.test(id) || !isCnProvinceCode(id)) return false;
  return isValidDate(
    1900 + Number(id.slice(6, 8)),
    Number(id.slice(8, 10)),
    Number(id.slice(10, 12)),
  );
}

/**
 * Luhn (ISO/IEC 7812-1) check over a string of digits; false for non-digits or empty input.
 * @example luhnValid('79927398713') // true
 */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
