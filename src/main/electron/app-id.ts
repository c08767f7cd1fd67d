/** The app's identity: electron-builder's appId, and the AppUserModelID Windows notifications need. */
export const APP_USER_MODEL_ID = 'org.readingroom.companion'
