/**
 * Opportunities from corporate parents (jobs, apprenticeships, bursaries, homes, mentoring, health services...):
 * posted and moderated by staff, found by the young people they are meant for, and answered with interest that
 * shares exactly what the young person chose.
 */
package app.alongside.opportunities;
