/**
 * A program written the way the official SDK's documentation writes its examples: only the import
 * path differs. `sdk-compat.test.ts` runs it unchanged, in its own process, against the sandbox
 * (AVARA_API_KEY and AVARA_BASE_URL come from the environment, as with the SDK).
 */
import Avara from '@shared/avara';

const client = new Avara({
  apiKey: process.env['AVARA_API_KEY'], // This is the default and can be omitted
});

const report = (label: string, value: unknown) => console.log(JSON.stringify([label, value]));

// Studies
const study = await client.viewer.studies.create({
  severity: 'high',
  studyDescription: 'CT Chest/Abdomen/Pelvis',
  studyInstanceUid: '1.2.840.113619.2.55.3.604688119.868.1234567890.123',
});
report('create', study.studyInstanceUid);

const retrieved = await client.viewer.studies.retrieve(study.studyId);
report('retrieve', retrieved.studyInstanceUid);

const updated = await client.viewer.studies.update(study.studyId, { severity: 'stat' });
report('update', updated.severity);

const byUid = await client.viewer.studies.retrieveByUid('1.2.840.113619.2.55.3.604688119.868.1234567890.123');
report('retrieveByUid', byUid.studyId === study.studyId);

const cancelled = await client.viewer.studies.cancel({ studyId: study.studyId });
report('cancel', cancelled.success);

const uncancelled = await client.viewer.studies.uncancel({ studyInstanceUid: study.studyInstanceUid });
report('uncancel', uncancelled.success);

const reroute = await client.viewer.studies.rerouteURL({ studyId: study.studyId });
report('rerouteURL', typeof reroute.url);

// Automatically fetches more pages as needed.
let studyCount = 0;
for await (const studyListResponse of client.viewer.studies.list()) {
  if (studyListResponse.studyInstanceUid) studyCount++;
}
report('studies.list', studyCount);

// Manual pagination.
let page = await client.viewer.studies.list({ limit: 20 });
let pages = 1;
while (page.hasNextPage()) {
  page = await page.getNextPage();
  pages++;
}
report('pages', pages);

// Users
const invited = await client.viewer.users.invite({
  canManageStudies: true,
  clinicRole: 'Radiologist',
  email: 'dr.johnson@hospital.org',
  firstName: 'Sarah',
  hasDashboardAccess: true,
  lastName: 'Johnson',
  level: 'member',
});
report('invite', invited.email);

const user = await client.viewer.users.retrieve(invited.userId);
report('users.retrieve', user.lastName);

const user2 = await client.viewer.users.update(invited.userId, { middleName: 'Ann' });
report('users.update', user2.middleName);

let userCount = 0;
for await (const userListResponse of client.viewer.users.list()) {
  if (userListResponse.userId) userCount++;
}
report('users.list', userCount);

// Invitations
const invitations = [];
for await (const invitationListResponse of client.viewer.users.invitations.list({ userId: invited.userId })) {
  invitations.push(invitationListResponse);
}
report('invitations.list', invitations.map((invitation) => invitation.status));

const invitation = await client.viewer.users.invitations.retrieve(invitations[0]!.invitationId);
report('invitations.retrieve', invitation.email);

const invitation2 = await client.viewer.users.invitations.update(invitation.invitationId, { suffix1: 'MD' });
report('invitations.update', invitation2.suffix1);

const revoked = await client.viewer.users.invitations.revoke({ userId: invited.userId });
report('invitations.revoke', revoked.success);

const revokeAccess = await client.viewer.users.revokeAccess({ userId: invited.userId });
report('revokeAccess', revokeAccess.success);

const reactivated = await client.viewer.users.reactivate({ userId: invited.userId });
report('reactivate', reactivated.success);

// Handling errors, as in the SDK's README.
const missing = await client.viewer.studies.retrieve('stu_1234567890abcdef1234567890abcdef').catch(async (err) => {
  if (err instanceof Avara.APIError) {
    report('error.status', err.status); // 404
    report('error.name', err.name); // NotFoundError
    report('error.isNotFound', err instanceof Avara.NotFoundError);
  } else {
    throw err;
  }
});
report('missing', missing ?? null);

// Per-request options.
const quick = await client.viewer.studies.list({ severity: 'stat' }, { maxRetries: 5, timeout: 20 * 1000 });
report('options', quick.studies.every((s) => s.severity === 'stat'));

// Accessing raw Response data.
const rawResponse = await client.viewer.studies.retrieve(study.studyId).asResponse();
report('asResponse', rawResponse.headers.get('content-type')?.startsWith('application/json'));
const { data: withData, response: withRaw } = await client.viewer.studies.retrieve(study.studyId).withResponse();
report('withResponse', [withRaw.status, withData.studyId === study.studyId]);

// Configuring the client.
const noRetries = new Avara({ maxRetries: 0, timeout: 20 * 1000 });
const again = await noRetries.viewer.studies.retrieve(study.studyId);
report('configured', again.studyId === study.studyId);
