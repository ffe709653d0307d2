package app.alongside.identity;

import app.alongside.kernel.Principal;
import app.alongside.organisations.Organisation;
import app.alongside.organisations.OrganisationsWiring;
import app.alongside.platform.core.Connections;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.Payloads;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.graphql.Nodes;
import app.alongside.platform.graphql.Wiring;
import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Wires {@code identity.graphqls}: the viewer, staff, young people, invites and profiles. */
public final class IdentityWiring {
    /** Payload of {@code createStaffMember}. */
    public record CreateStaffPayload(StaffMember staffMember, List<Connections.UserError> userErrors,
                                     String clientMutationId) {
    }

    /** Payload of mutations that answer with a staff member. */
    public record StaffPayload(StaffMember staffMember, List<Connections.UserError> userErrors) {
    }

    /** Payload of {@code changeMyPassword}. */
    public record ChangePasswordPayload(boolean changed, List<Connections.UserError> userErrors) {
    }

    /** Payload of {@code createInvite}. */
    public record CreateInvitePayload(YoungPeopleService.NewInvite invite, YoungPerson youngPerson,
                                      List<Connections.UserError> userErrors, String clientMutationId) {
    }

    /** Payload of mutations that answer with a young person. */
    public record YoungPersonPayload(YoungPerson youngPerson, List<Connections.UserError> userErrors) {
    }

    private IdentityWiring() {
    }

    public static void register(Wiring wiring, Nodes nodes, StaffService staff, YoungPeopleService people,
                                int maxPage) {
        nodes.register(StaffMember.TYPE, (ids, context) -> staff.load(context, ids),
                new Nodes.Stored(StaffRepository.COLLECTION, null));
        nodes.register(YoungPerson.TYPE, (ids, context) -> people.load(context, ids),
                new Nodes.Stored(YoungPersonRepository.COLLECTION, "_id"));
        wiring.interfaceByRecords("Viewer")
                .nodeType(StaffMember.TYPE, StaffMember.class, StaffMember::id)
                .fetcher(StaffMember.TYPE, "organisation", env -> organisation(env,
                        ((StaffMember) env.getSource()).organisationId()))
                .fetcher(StaffMember.TYPE, "lockedUntil", env -> staff.lockedUntil(RequestContext.of(env),
                        env.getSource()))
                .nodeType(YoungPerson.TYPE, YoungPerson.class, YoungPerson::id)
                .fetcher(YoungPerson.TYPE, "age", env -> ((YoungPerson) env.getSource()).ageOn(people.today()))
                .fetcher(YoungPerson.TYPE, "hasAppAccount", env -> ((YoungPerson) env.getSource()).hasAppAccount())
                .fetcher(YoungPerson.TYPE, "localAuthority", env -> organisation(env,
                        ((YoungPerson) env.getSource()).localAuthorityId()))
                .backedBy("ContactPreferences", YoungPerson.ContactPreferences.class)
                .backedBy("Invite", YoungPeopleService.NewInvite.class)
                .backedBy("StaffConnection", Connections.Connection.class)
                .backedBy("StaffEdge", Connections.Edge.class)
                .backedBy("YoungPersonConnection", Connections.Connection.class)
                .backedBy("YoungPersonEdge", Connections.Edge.class)
                .backedBy("CreateStaffMemberPayload", CreateStaffPayload.class)
                .backedBy("DeactivateStaffMemberPayload", StaffPayload.class)
                .backedBy("ReactivateStaffMemberPayload", StaffPayload.class)
                .backedBy("ResetStaffPasswordPayload", StaffPayload.class)
                .backedBy("ChangeMyPasswordPayload", ChangePasswordPayload.class)
                .backedBy("CreateInvitePayload", CreateInvitePayload.class)
                .backedBy("RedeemInvitePayload", YoungPersonPayload.class)
                .backedBy("TransferYoungPersonPayload", YoungPersonPayload.class)
                .backedBy("UpdateMyProfilePayload", YoungPersonPayload.class)
                .fetcher("Query", "viewer", env -> viewer(RequestContext.of(env), staff, people))
                .fetcher("Query", "staff", env -> staff.list(RequestContext.of(env),
                        Optional.ofNullable((String) env.getArgument("organisationId"))
                                .map(id -> Input.decodeOrNotFound(id, Organisation.TYPE, List.of("organisationId"))),
                        Connections.Page.of(env, maxPage)))
                .fetcher("Query", "lockedStaff", env -> staff.locked(RequestContext.of(env),
                        Connections.Page.of(env, maxPage)))
                .fetcher("Query", "youngPeople", env -> people.list(RequestContext.of(env),
                        Connections.Page.of(env, maxPage)));
        registerMutations(wiring, staff, people);
    }

    private static void registerMutations(Wiring wiring, StaffService staff, YoungPeopleService people) {
        wiring.fetcher("Mutation", "createStaffMember", env -> {
            Input input = Input.of(env);
            String id = input.clientMutationId().orElse(null);
            return Payloads.run(() -> new CreateStaffPayload(staff.create(RequestContext.of(env), input), List.of(),
                    id), errors -> new CreateStaffPayload(null, errors, id));
        }).fetcher("Mutation", "deactivateStaffMember", env -> Payloads.run(() -> new StaffPayload(
                staff.deactivate(RequestContext.of(env), Input.of(env)), List.of()), e -> new StaffPayload(null, e))
        ).fetcher("Mutation", "reactivateStaffMember", env -> Payloads.run(() -> new StaffPayload(
                staff.reactivate(RequestContext.of(env), Input.of(env)), List.of()), e -> new StaffPayload(null, e))
        ).fetcher("Mutation", "resetStaffPassword", env -> Payloads.run(() -> new StaffPayload(
                staff.resetPassword(RequestContext.of(env), Input.of(env)), List.of()), e -> new StaffPayload(null, e))
        ).fetcher("Mutation", "changeMyPassword", env -> Payloads.run(() -> {
            staff.changeMyPassword(RequestContext.of(env), Input.of(env));
            return new ChangePasswordPayload(true, List.of());
        }, e -> new ChangePasswordPayload(false, e))).fetcher("Mutation", "createInvite", env -> {
            Input input = Input.of(env);
            String id = input.clientMutationId().orElse(null);
            return Payloads.run(() -> {
                YoungPeopleService.Invited invited = people.createInvite(RequestContext.of(env), input);
                return new CreateInvitePayload(invited.invite(), invited.youngPerson(), List.of(), id);
            }, errors -> new CreateInvitePayload(null, null, errors, id));
        }).fetcher("Mutation", "redeemInvite", env -> Payloads.run(() -> new YoungPersonPayload(
                people.redeemInvite(RequestContext.of(env), Input.of(env)), List.of()),
                e -> new YoungPersonPayload(null, e))
        ).fetcher("Mutation", "transferYoungPerson", env -> Payloads.run(() -> new YoungPersonPayload(
                people.transfer(RequestContext.of(env), Input.of(env)), List.of()),
                e -> new YoungPersonPayload(null, e))
        ).fetcher("Mutation", "updateMyProfile", env -> Payloads.run(() -> new YoungPersonPayload(
                people.updateProfile(RequestContext.of(env), Input.of(env)), List.of()),
                e -> new YoungPersonPayload(null, e)));
    }

    private static Object viewer(RequestContext context, StaffService staff, YoungPeopleService people) {
        return switch (context.principal()) {
            case Principal.Staff s -> staff.me(s).orElse(null);
            case Principal.YoungPersonUser yp -> people.me(yp).orElse(null);
            default -> null;
        };
    }

    private static CompletableFuture<Organisation> organisation(DataFetchingEnvironment env, String id) {
        DataLoader<String, Organisation> loader = env.getDataLoader(OrganisationsWiring.LOADER);
        return loader.load(id);
    }
}
