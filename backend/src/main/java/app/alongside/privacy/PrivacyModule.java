package app.alongside.privacy;

import app.alongside.audit.AuditModule;
import app.alongside.identity.IdentityModule;
import app.alongside.organisations.OrganisationsModule;
import app.alongside.platform.Foundation;
import app.alongside.platform.Module;

/**
 * The privacy domain: a young person's data rights and the duties the Children's Code sets, each built by a
 * sub-package of this one. Built after the domains whose data it explains, corrects or erases.
 */
public final class PrivacyModule implements Module {
    public PrivacyModule(Foundation foundation, IdentityModule identity, OrganisationsModule organisations,
                         AuditModule audit) {
    }
}
