// What the signed-in operator may do on a scenario's pages, decided once by the page from the role matrix. The UI hides
// what is not allowed; the routes refuse it anyway (lib/auth/guard.ts), so these flags are about what is shown.
import { can, type RoleHolder } from '@/lib/auth/roles';

export interface ScenarioCapabilities {
  /** Create scenarios, change drafts (canvas, inspector, settings, autosave) and preview. */
  edit: boolean;
  /** Publish, pause, resume and stop. */
  publish: boolean;
  /** テスト配信 to a test friend. */
  testSend: boolean;
  /** The friends behind the analytics figures (names linking to friend pages). */
  seeFriends: boolean;
}

export function scenarioCapabilities(operator: RoleHolder): ScenarioCapabilities {
  return {
    edit: can(operator, 'scenarios:edit'),
    publish: can(operator, 'scenarios:publish'),
    testSend: can(operator, 'scenarios:test_send'),
    seeFriends: can(operator, 'friends:read_details'),
  };
}
