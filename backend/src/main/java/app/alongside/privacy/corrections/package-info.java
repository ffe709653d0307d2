/**
 * Rectification (UK GDPR Article 16) and a young person's own statement next to what staff wrote about them. A
 * young person asks their council to correct what it entered at invite; the council's LA workers (or an admin)
 * make the change or decline it with a reason, within one calendar month. A young person may add a statement to a
 * message, goal comment or decision a member of staff wrote, which the staff who see the entry see next to it and
 * may answer once; the entry itself never changes.
 */
package app.alongside.privacy.corrections;
