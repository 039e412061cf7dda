/**
 * The 项目库 and 服务包 contract against the domain (like domain-fit.ts): each answer that
 * presents a domain type is the same shape, checked at compile time. Nothing imports this file.
 */
import type { IdleKind as DomainIdleKind } from '../projects/lists.js';
import type { PublicServiceView as DomainPublicServiceView } from '../projects/public.js';
import type {
  Commitment as DomainCommitment,
  CommitmentKind as DomainCommitmentKind,
  CommitmentState as DomainCommitmentState,
  Enterprise as DomainEnterprise,
  EnterpriseRequest as DomainEnterpriseRequest,
  LibraryProject as DomainLibraryProject,
} from '../projects/types.js';
import type { IDLE_KIND_VALUES, LibraryProject } from './library.js';
import type {
  Commitment,
  Enterprise,
  EnterpriseRequest,
  COMMITMENT_KIND_VALUES,
  COMMITMENT_STATE_VALUES,
  PublicServiceView,
} from './services.js';
import type { Versioned } from './same.js';
import { same } from './same.js';

same<Omit<LibraryProject, 'targets'>, Versioned<Omit<DomainLibraryProject, 'targets'>>>(true);
same<Commitment, DomainCommitment>(true);
same<Omit<Enterprise, 'version'>, DomainEnterprise>(true);
same<EnterpriseRequest, DomainEnterpriseRequest>(true);
same<(typeof IDLE_KIND_VALUES)[number], DomainIdleKind>(true);
same<(typeof COMMITMENT_KIND_VALUES)[number], DomainCommitmentKind>(true);
same<(typeof COMMITMENT_STATE_VALUES)[number], DomainCommitmentState>(true);
same<PublicServiceView['packages'], DomainPublicServiceView['packages']>(true);
same<PublicServiceView['requests'], DomainPublicServiceView['requests']>(true);
