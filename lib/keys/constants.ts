// Constants the add-key form shares with the server, kept free of zod so the form's bundle stays small.
export const WITHDRAW_CONFIRMATION = "WITHDRAW";
