import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { apiGet } from './api';
import type { Label } from './label';

export type { Label } from './label';

type LabelMap = Readonly<Record<string, Label>>;

/** GET /v1/labels: the domain's vocabularies, the catalogue the service's own answers use. */
export interface Labels {
  readonly categories: LabelMap;
  readonly tiers: LabelMap;
  readonly channels: LabelMap;
  readonly classes: LabelMap;
  readonly seatRoles: LabelMap;
  readonly statuses: LabelMap;
  readonly roles: LabelMap;
  readonly unassignedReasons: LabelMap;
  readonly fulfilmentModes: LabelMap;
  readonly mediatorStatuses: LabelMap;
  readonly roomKinds: LabelMap;
  readonly sessionStatuses: LabelMap;
  /** What a case history entry records (lifecycle actions and `reassign`). */
  readonly historyActions: LabelMap;
  /** The assessed indicators' names (issue 17: 万人成讼率, 诉前调解率, 调处成功率, 按时到位率, 优质率). */
  readonly indicators: LabelMap;
  /** Issue 17: the bundled department roster (a county's own: GET /v1/departments) and the summons states and actions. */
  readonly departments: LabelMap;
  readonly summonsStatuses: LabelMap;
  readonly summonsActions: LabelMap;
  /** Issue 17: after the agreement (judicial confirmation, arbitration, notarisation; litigation, enforcement). */
  readonly agreementRoutes: LabelMap;
  readonly agreementRouteStatuses: LabelMap;
  readonly fulfilmentStatuses: LabelMap;
  readonly noticeChannels: LabelMap;
  readonly assistanceKinds: LabelMap;
  /** Issue 17, convening: the panel's outside role (court liaison, lawyer). */
  readonly liaisonRoles: LabelMap;
}

const LabelsContext = createContext<Labels | undefined>(undefined);

/** Loads the labels once per sign-in; children render after they arrive. */
export function LabelsProvider({ children, fallback }: { readonly children: ComponentChildren; readonly fallback: ComponentChildren }) {
  const [labels, setLabels] = useState<Labels | undefined>(undefined);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  useEffect(() => {
    const ctl = new AbortController();
    apiGet<Labels>('/v1/labels', ctl.signal).then(setLabels, (e: Error) => setFailed(e.message));
    return () => ctl.abort();
  }, []);
  if (failed) return <p role="alert">{failed}</p>;
  if (!labels) return <>{fallback}</>;
  return <LabelsContext.Provider value={labels}>{children}</LabelsContext.Provider>;
}

export function useLabels(): Labels {
  const labels = useContext(LabelsContext);
  if (!labels) throw new Error('useLabels outside LabelsProvider');
  return labels;
}
