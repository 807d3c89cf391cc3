import { deleteAccount } from '../account-deletion.js';
import { changePassword, confirmSignUp, logIn, requestPasswordReset, resetPassword, signUp } from '../accounts.js';
import { logOut, logOutEverywhere, refreshSession } from '../sessions.js';
import { claimExportLink, exportLink } from '../data-export.js';
import { addComment, deleteComment } from '../comments.js';
import { announceFollowsChanged } from '../following-live.js';
import { follow, unfollow } from '../follows.js';
import { changeKudos } from '../kudos.js';
import { addPrivacyZone, removePrivacyZone } from '../privacy-zones.js';
import { updatePreferences, updateProfile } from '../profile.js';
import type { MutationResolvers } from '../generated/resolvers-types.js';

export const Mutation: MutationResolvers = {
  signUp: async (_, { input }, { prisma, log, jwtSecret, mailer, throttles, clientAddress }) => {
    await throttles.signUp(clientAddress);
    return signUp(prisma, log, { codeSecret: jwtSecret, mailer }, input);
  },
  confirmSignUp: async (_, input, { prisma, log, jwtSecret, signing, throttles, clientAddress }) => {
    await throttles.confirmSignUp(clientAddress);
    return confirmSignUp(prisma, log, { codeSecret: jwtSecret, signing }, input);
  },
  logIn: (_, { input }, { prisma, signing, throttles, clientAddress }) =>
    throttles.logIn(input.email, clientAddress, () => logIn(prisma, signing, input)),
  follow: async (_, { userId }, { prisma, bus, log, viewerId, throttles }) => {
    if (viewerId) await throttles.follow(viewerId);
    const followee = await follow(prisma, viewerId, userId);
    await announceFollowsChanged(bus, log, viewerId!);
    return followee;
  },
  unfollow: async (_, { userId }, { prisma, bus, log, viewerId }) => {
    const followee = await unfollow(prisma, viewerId, userId);
    await announceFollowsChanged(bus, log, viewerId!);
    return followee;
  },
  giveKudos: (_, { activityId }, { prisma, viewerId, loaders }) => changeKudos(prisma, viewerId, loaders, activityId, 'give'),
  removeKudos: (_, { activityId }, { prisma, viewerId, loaders }) => changeKudos(prisma, viewerId, loaders, activityId, 'remove'),
  addComment: (_, { activityId, text }, { prisma, viewerId, loaders }) => addComment(prisma, viewerId, loaders, activityId, text),
  deleteComment: (_, { id }, { prisma, viewerId }) => deleteComment(prisma, viewerId, id),
  addPrivacyZone: (_, { input }, { prisma, viewerId }) => addPrivacyZone(prisma, viewerId, input),
  removePrivacyZone: (_, { id }, { prisma, viewerId }) => removePrivacyZone(prisma, viewerId, id),
  updateProfile: (_, { input }, { prisma, viewerId }) => updateProfile(prisma, viewerId, input),
  updatePreferences: (_, { input }, { prisma, viewerId }) => updatePreferences(prisma, viewerId, input),
  exportMyData: (_, __, { prisma, jwtSecret, viewerId }) => exportLink(prisma, jwtSecret, viewerId),
  claimDataExport: (_, { athleteId, linkId }, { prisma, fanOut }) => claimExportLink(prisma, fanOut, athleteId, linkId),
  deleteMyAccount: (_, { password }, { prisma, bus, log, viewerId, throttles, clientAddress }) =>
    throttles.confirmPassword(viewerId ?? 'anonymous', clientAddress, () => deleteAccount(prisma, bus, log, viewerId, password)),
  changePassword: (_, input, { prisma, bus, log, signing, viewerId, throttles, clientAddress }) =>
    throttles.confirmPassword(viewerId ?? 'anonymous', clientAddress, () => changePassword(prisma, bus, log, signing, viewerId, input)),
  refreshSession: (_, { refreshToken }, { prisma, bus, log, signing }) => refreshSession(prisma, bus, log, signing, refreshToken),
  logOut: (_, __, { prisma, bus, log, viewerId, sessionId }) => logOut(prisma, bus, log, viewerId, sessionId),
  logOutEverywhere: (_, __, { prisma, bus, log, viewerId }) => logOutEverywhere(prisma, bus, log, viewerId),
  requestPasswordReset: async (_, { email }, { prisma, log, jwtSecret, mailer, throttles, clientAddress }) => {
    await throttles.requestPasswordReset(clientAddress);
    return requestPasswordReset(prisma, log, { codeSecret: jwtSecret, mailer }, { email });
  },
  resetPassword: async (_, input, { prisma, bus, log, jwtSecret, signing, throttles, clientAddress }) => {
    await throttles.confirmSignUp(clientAddress);
    return resetPassword(prisma, bus, log, { codeSecret: jwtSecret, signing }, input);
  },
};
