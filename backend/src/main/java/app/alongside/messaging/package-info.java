/**
 * Opt-out independent advocacy and messaging: every young person is allocated to an advocacy service that serves
 * their council, messages it in threads with per-thread sequence numbers, and the service is held to the response
 * standard (a reply within 1 working day, a named advocate within 2). Messages matching safeguarding phrases make a
 * thread urgent and show help at once. Events reach WebSocket subscribers through an {@link
 * app.alongside.messaging.EventBus}, in process or across instances on MongoDB change streams; pushes go through the
 * push outbox contract ({@link app.alongside.messaging.MessagingPushSource}).
 */
package app.alongside.messaging;
