/**
 * The findings of the last refused submit, by region, for the parts of the editor that show
 * them beside their region (the region list). A separate context from the editor's, so the
 * rest of the editor does not re-render when findings change.
 *
 * @example
 * <QcFindingsContext.Provider value={{ byRegion }}>…</QcFindingsContext.Provider>
 * const mine = useRegionFindings(region.id);
 */
import { createContext, useContext } from 'react';
import type { QcFinding } from '../../api/quality-types.ts';

/** The context value. */
export interface QcFindingsValue {
  byRegion: ReadonlyMap<string, QcFinding[]>;
}

const NONE: QcFinding[] = [];

/** The context (empty outside a provider). */
export const QcFindingsContext = createContext<QcFindingsValue>({ byRegion: new Map() });

/** The findings that point at one region. */
export function useRegionFindings(regionId: string): QcFinding[] {
  return useContext(QcFindingsContext).byRegion.get(regionId) ?? NONE;
}
