/** Comments on commitments (留言) and staff follows (关注), issue 19. */
import { api } from './endpoints';
import type {
  AnswerBody,
  CommentCodeBody,
  CommentCodeSent,
  CommenterStatus,
  FollowStatus,
  Message,
  ModerationBody,
  PublicCommentList,
  StaffCommentList,
  StaffFollowList,
} from '../../../src/contract';

export type {
  CommentState,
  ModerationReason,
  PublicCommentItem,
  PublicCommentList,
  StaffComment,
  StaffCommentList,
  StaffFollow,
  StaffFollowList,
} from '../../../src/contract';
export type { ModerationBody };

const item = (planId: number, type: 'task' | 'target', id: number) =>
  `/public/plans/${planId}/commitments/${type}/${id}/comments`;

export const commentsApi = {
  list: (planId: number, type: 'task' | 'target', id: number) =>
    api.get<PublicCommentList>(item(planId, type, id)),
  status: () => api.get<CommenterStatus>('/public/comment-sessions/current'),
  requestCode: (body: CommentCodeBody) => api.post<CommentCodeSent>('/public/comment-codes', body),
  signIn: (challengeId: number, code: string) =>
    api.post<Message>('/public/comment-sessions', { challengeId, code }),
  submit: (planId: number, type: 'task' | 'target', id: number, body: string) =>
    api.post<Message>(item(planId, type, id), { body }),
  staff: (planId: number, state?: string) =>
    api.get<StaffCommentList>(`/plans/${planId}/comments`, state ? { state } : undefined),
  moderate: (planId: number, commentId: number, body: ModerationBody) =>
    api.post<Message>(`/plans/${planId}/comments/${commentId}/moderation`, body),
  answer: (planId: number, commentId: number, body: AnswerBody) =>
    api.post<Message>(`/plans/${planId}/comments/${commentId}/answer`, body),
};

export const followsApi = {
  list: () => api.get<StaffFollowList>('/follows'),
  status: (planId: number, type: 'task' | 'target', id: number) =>
    api.get<FollowStatus>(`/plans/${planId}/follows/${type}/${id}`),
  follow: (planId: number, type: 'task' | 'target', id: number) =>
    api.post<FollowStatus>(`/plans/${planId}/follows`, { type, id }),
  unfollow: (planId: number, followId: number) =>
    api.delete<FollowStatus>(`/plans/${planId}/follows/${followId}`),
};
