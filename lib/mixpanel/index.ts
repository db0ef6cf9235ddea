// The page adapter: the only code in Invite Guard that knows Mixpanel's markup. Every function takes
// a Document (or an element of it), never throws, and says so when it could not read the page.
export type { PageView, PageMember, PagePendingInvitation, MemberListRead, ListState } from './members';
export { detectView, readMemberList, readSignedInAdmin, observeRoot } from './members';
export type { InviteDialogRow } from './dialog';
export { findInviteDialog, inviteDialogAround, isDialogChange, isInviteDialog, readInviteDialog, inviteSubmitButton, dialogToDrafts } from './dialog';
export type { MixpanelRegion } from './region';
export { regionOf } from './region';
export type { BulkInviteCsv, BulkInviteCsvError } from './bulk-csv';
export { parseBulkInviteCsv } from './bulk-csv';
export { readOrganizationName } from './organization';
