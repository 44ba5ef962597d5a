import { describe, expect, it } from 'vitest';
import { detectUsSsns, isPlausibleSsn } from './us-ssn.ts';

describe('US SSN', () => {
  it('applies the never-issued rules', () => {
    expect(isPlausibleSsn('078051121')).toBe(true);
    for (const bad of [
      '000121234',
      '666121234',
      '900121234',
      '999121234',
      '123001234',
      '123450000',
    ]) {
      expect(isPlausibleSsn(bad), bad).toBe(false);
    }
    expect(isPlausibleSsn('078051120')).toBe(false); // the Woolworth wallet card
  });

  it('finds a well-formed number after an emoji with context', () => {
    expect(detectUsSsns('🇺🇸 SSN: 536-22-1234')[0]).toMatchObject({
      start: 8,
      end: 19,
      score: 0.85,
    });
  });

  it('rejects mixed separators and numbers in the 900 area', () => {
    expect(detectUsSsns('536-22.1234')).toEqual([]);
    expect(detectUsSsns('SSN 912-22-1234')).toEqual([]);
  });
});
