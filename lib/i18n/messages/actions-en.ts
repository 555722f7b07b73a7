// The key actions' messages (add, delete, check again), English.
export const actionsEn = {
  "keyAction.wrongPassword": "That password is not correct.",
  "keyAction.incomplete": "The form was incomplete. Reload the page and try again.",
  "keyAction.passwordToDelete": "Enter your password to delete a key.",
  "keyAction.notKeyId": "Not a key id.",
} as const;
