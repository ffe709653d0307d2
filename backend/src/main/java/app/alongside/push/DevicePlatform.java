package app.alongside.push;

/** The operating system of an app install; it decides the platform block of the FCM message. */
public enum DevicePlatform {
    ANDROID,
    IOS,
    WEB
}
