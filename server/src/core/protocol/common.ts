// Shapes shared by several custom messages.

/** A position-free reference to a file on disk or in the editor. */
export interface FileRef {
  /** Document URI (file:///...). */
  uri: string;
}

/** Error payload the server returns in a result (instead of throwing) when the user must be told something. */
export interface UserFacingError {
  /** What failed, in one sentence, naming the thing. */
  message: string;
  /** What to do next. */
  hint?: string;
  /** Stable code for tests and docs. */
  code: string;
}
