package app.alongside.platform.graphql;

import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.ErrorCode;
import graphql.GraphQLError;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.TypeName;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.validation.QueryComplexityLimits;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Static limits on one operation, checked after validation and before anything runs: nesting depth, aliases,
 * cost (each field counts once per item its enclosing lists could return) and page size ({@code first} or
 * {@code last} at most {@code maxPageSize}). A connection returns a page ({@code first}, or 20); a field given a
 * list argument ({@code nodes(ids:)}) returns up to one item per element; any other list of objects (per the
 * schema, when given one, e.g. {@code history}) counts {@value #DEFAULT_LIST} items, as most such lists are short
 * (edit history, entries, steps). Fragments on different object types under an interface are alternatives: the
 * costliest counts. Introspection is left to graphql-java's own checks. Fragments are expanded; validation has
 * ruled out cycles. Before all that, graphql-java's validation counts the fields written out, fragments expanded, and
 * stops at {@value #MAX_WRITTEN_FIELDS}: a few fragments each spreading the next twice would otherwise have it
 * expand millions; that is answered as {@code QUERY_TOO_COMPLEX} too, with the limit {@code fields}.
 */
public final class OperationLimits {
    private static final int DEFAULT_PAGE = 20;
    private static final int DEFAULT_LIST = 3;
    /** graphql-java's own default, which its validation applies unless told otherwise. */
    static final int MAX_WRITTEN_FIELDS = QueryComplexityLimits.DEFAULT_MAX_FIELDS_COUNT;

    private final int maxDepth;
    private final int maxAliases;
    private final int maxCost;
    private final int maxPageSize;

    public OperationLimits(int maxDepth, int maxAliases, int maxCost, int maxPageSize) {
        this.maxDepth = maxDepth;
        this.maxAliases = maxAliases;
        this.maxCost = maxCost;
        this.maxPageSize = maxPageSize;
    }

    public int maxPageSize() {
        return maxPageSize;
    }

    /**
     * What graphql-java's validation may count before it gives up: {@value #MAX_WRITTEN_FIELDS} fields written out,
     * and no depth of its own, so the depth limit answered is this class's ({@code GRAPHQL_MAX_DEPTH}).
     */
    static QueryComplexityLimits validationLimits() {
        return QueryComplexityLimits.newLimits().maxDepth(Integer.MAX_VALUE).maxFieldsCount(MAX_WRITTEN_FIELDS)
                .build();
    }

    /** Throws {@link ErrorCode#QUERY_TOO_COMPLEX} when validation stopped at its count of fields written out. */
    public void checkValidation(List<GraphQLError> errors) {
        for (GraphQLError error : errors) {
            if (error instanceof ValidationError validation
                    && validation.getValidationErrorType() == ValidationErrorType.MaxQueryFieldsExceeded) {
                throw tooComplex("fields", "The operation has more than " + MAX_WRITTEN_FIELDS + " fields once its "
                        + "fragments are written out. Ask for fewer fields.", MAX_WRITTEN_FIELDS);
            }
        }
    }

    /**
     * Throws {@link ErrorCode#QUERY_TOO_COMPLEX} or {@link ErrorCode#BAD_USER_INPUT} when a limit is broken. The walk
     * stops at the first broken limit: fragments spread twice in a chain would otherwise make it exponential.
     */
    public void check(OperationDefinition operation, Map<String, FragmentDefinition> fragments,
                      Map<String, Object> variables) {
        check(operation, fragments, variables, null);
    }

    /** As above, with the schema telling which fields return lists; {@code schema} may be null. */
    public void check(OperationDefinition operation, Map<String, FragmentDefinition> fragments,
                      Map<String, Object> variables, GraphQLSchema schema) {
        GraphQLType root = schema == null ? null : switch (operation.getOperation()) {
            case QUERY -> schema.getQueryType();
            case MUTATION -> schema.getMutationType();
            case SUBSCRIPTION -> schema.getSubscriptionType();
        };
        new Tally(fragments, withDefaults(operation, variables), schema).walk(operation.getSelectionSet(), 1, 1,
                root);
    }

    /** The variables as execution will see them: a variable left out takes its declared default. */
    private static Map<String, Object> withDefaults(OperationDefinition operation, Map<String, Object> variables) {
        Map<String, Object> all = new HashMap<>();
        for (VariableDefinition definition : operation.getVariableDefinitions()) {
            if (definition.getDefaultValue() instanceof IntValue value) {
                all.put(definition.getName(), value.getValue());
            } else if (definition.getDefaultValue() instanceof ArrayValue list) {
                all.put(definition.getName(), list);
            }
        }
        all.putAll(variables);
        return all;
    }

    private static ApiException tooComplex(String limit, String message, int value) {
        return new ApiException(ErrorCode.QUERY_TOO_COMPLEX, message, List.of(),
                Map.of("limit", limit, "maximum", value));
    }

    private final class Tally {
        private final Map<String, FragmentDefinition> fragments;
        private final Map<String, Object> variables;
        private final GraphQLSchema schema;
        private int aliases;
        private long cost;
        /** Fields walked: alternatives count only their costliest, but walking each must stay bounded too. */
        private long walked;

        Tally(Map<String, FragmentDefinition> fragments, Map<String, Object> variables, GraphQLSchema schema) {
            this.fragments = fragments;
            this.variables = variables;
            this.schema = schema;
        }

        void walk(SelectionSet set, int level, long multiplier, GraphQLType parent) {
            if (set == null) {
                return;
            }
            Map<String, List<SelectionSet>> byType = new java.util.LinkedHashMap<>();
            for (Selection<?> selection : set.getSelections()) {
                switch (selection) {
                    case Field field -> visit(field, level, multiplier, parent);
                    case InlineFragment inline -> fragment(inline.getTypeCondition(), inline.getSelectionSet(), level,
                            multiplier, parent, byType);
                    case FragmentSpread spread -> {
                        FragmentDefinition fragment = fragments.get(spread.getName());
                        fragment(fragment.getTypeCondition(), fragment.getSelectionSet(), level, multiplier, parent,
                                byType);
                    }
                    default -> { }
                }
            }
            alternatives(byType, level, multiplier);
        }

        /**
         * Fragments on different object types below an interface or union are alternatives: one object is of one
         * type, so only the costliest counts. Anything else is walked as part of the selection.
         */
        private void fragment(TypeName condition, SelectionSet set, int level, long multiplier, GraphQLType parent,
                              Map<String, List<SelectionSet>> byType) {
            GraphQLType type = narrowed(parent, condition);
            if (type instanceof GraphQLObjectType object && !(parent instanceof GraphQLObjectType)) {
                byType.computeIfAbsent(object.getName(), name -> new java.util.ArrayList<>()).add(set);
            } else {
                walk(set, level, multiplier, type);
            }
        }

        private void alternatives(Map<String, List<SelectionSet>> byType, int level, long multiplier) {
            long before = cost;
            long costliest = 0;
            for (Map.Entry<String, List<SelectionSet>> alternative : byType.entrySet()) {
                for (SelectionSet set : alternative.getValue()) {
                    walk(set, level, multiplier, schema.getType(alternative.getKey()));
                }
                costliest = Math.max(costliest, cost - before);
                cost = before;
            }
            add(costliest);
        }

        private void add(long fields) {
            cost += fields;
            if (cost > maxCost) {
                throw tooComplex("cost", "The operation could return more than " + maxCost + " fields. Ask for "
                        + "smaller pages or fewer fields.", maxCost);
            }
        }

        private GraphQLType narrowed(GraphQLType parent, TypeName condition) {
            return condition == null || schema == null ? parent : schema.getType(condition.getName());
        }

        private void visit(Field field, int level, long multiplier, GraphQLType parent) {
            if (level > maxDepth) {
                throw tooComplex("depth", "The operation is nested more than " + maxDepth + " levels deep.", maxDepth);
            }
            if (field.getAlias() != null && ++aliases > maxAliases) {
                throw tooComplex("aliases", "The operation uses more than " + maxAliases + " aliases.", maxAliases);
            }
            add(multiplier);
            if (++walked > maxCost * 10L) {
                throw tooComplex("cost", "The operation has too many fields and fragments.", maxCost);
            }
            GraphQLFieldDefinition definition = parent instanceof GraphQLFieldsContainer container
                    ? container.getFieldDefinition(field.getName()) : null;
            GraphQLType type = definition == null ? null : GraphQLTypeUtil.unwrapNonNull(definition.getType());
            long items = Math.max(pageSize(field), listSize(field, type, parent));
            walk(field.getSelectionSet(), level + 1, multiplier * items,
                    type == null ? null : GraphQLTypeUtil.unwrapAll(type));
        }

        /**
         * How many items a list field returns: one per element of a list argument, else a default for a list type.
         * A connection's own {@code edges} and {@code nodes} are its page, counted at the connection already.
         */
        private long listSize(Field field, GraphQLType type, GraphQLType parent) {
            if (parent instanceof GraphQLNamedType named && (named.getName().endsWith("Connection")
                    || named.getName().startsWith("__"))) {
                return 1;
            }
            long size = 1;
            boolean listArgument = false;
            for (Argument argument : field.getArguments()) {
                Object value = argument.getValue() instanceof VariableReference ref ? variables.get(ref.getName())
                        : argument.getValue();
                if (value instanceof ArrayValue list) {
                    listArgument = true;
                    size = Math.max(size, list.getValues().size());
                } else if (value instanceof List<?> list) {
                    listArgument = true;
                    size = Math.max(size, list.size());
                }
            }
            if (listArgument && (schema == null || GraphQLTypeUtil.isList(type))) {
                return size;
            }
            return GraphQLTypeUtil.isList(type) && field.getSelectionSet() != null ? DEFAULT_LIST : 1;
        }

        private long pageSize(Field field) {
            long size = 1;
            boolean paged = false;
            for (Argument argument : field.getArguments()) {
                if (argument.getName().equals("first") || argument.getName().equals("last")) {
                    paged = true;
                    Long value = intValue(argument.getValue());
                    if (value != null) {
                        checkPageSize(field, argument.getName(), value);
                        size = Math.max(size, value);
                    } else {
                        size = Math.max(size, DEFAULT_PAGE);
                    }
                }
            }
            if (paged) {
                return size;
            }
            return isConnection(field) ? DEFAULT_PAGE : 1;
        }

        /** A Relay connection queried without {@code first} still returns a default page. */
        private static boolean isConnection(Field field) {
            return field.getSelectionSet() != null && field.getSelectionSet().getSelections().stream()
                    .anyMatch(s -> s instanceof Field f
                            && (f.getName().equals("edges") || f.getName().equals("nodes")));
        }

        private void checkPageSize(Field field, String argument, long value) {
            if (value < 0 || value > maxPageSize) {
                String name = field.getAlias() != null ? field.getAlias() : field.getName();
                throw new ApiException(ErrorCode.BAD_USER_INPUT, "\"" + argument + "\" on " + field.getName()
                        + " must be between 0 and " + maxPageSize + ".", List.of(name, argument),
                        Map.of("limit", "pageSize", "maximum", maxPageSize));
            }
        }

        private Long intValue(Value<?> value) {
            if (value instanceof IntValue literal) {
                return literal.getValue().longValue();
            }
            if (value instanceof VariableReference ref && variables.get(ref.getName()) instanceof Number n) {
                return n.longValue();
            }
            return null;
        }
    }
}
