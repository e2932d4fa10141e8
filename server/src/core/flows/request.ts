// What a flow is asked to do: the user, the attributes and metadata the app sends, the answers it gives.
import type { FlowName } from './types';

/** One flow run's input (the CLI's flags, or the VS Code command's picks). */
export interface FlowRequest {
  flow: FlowName;
  username: string;
  password?: string;
  /** forgot-password: the new password (default: `password`). */
  newPassword?: string;
  attributes: Record<string, string>;
  /** ValidationData of SignUp / AdminCreateUser. */
  validationData: Record<string, string>;
  /** custom-auth: answers given in order (the VS Code command asks instead). */
  answers: string[];
  /** Scopes the app client grants (sign-in default: aws.cognito.signin.user.admin, openid, email, profile). */
  scopes?: string[];
  /** federated-sign-in: provider name and type. */
  provider?: { name: string; type: string };
  /** sync: the dataset and the records the device pushes (`key=value`; an empty value removes the key). */
  dataset?: { name: string; records: Record<string, string>; existing?: Record<string, string> };
}
