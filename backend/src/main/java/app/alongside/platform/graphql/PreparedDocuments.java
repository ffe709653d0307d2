package app.alongside.platform.graphql;

import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.ErrorCode;
import graphql.GraphQLError;
import graphql.ParseAndValidate;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Documents as the engine runs them: parsed and validated against the schema once, then remembered (the newest
 * {@value #CACHE_SIZE} texts), so an app's persisted operations are parsed once per server, not once per request.
 * A document that does not parse is a {@code GRAPHQL_PARSE_FAILED} request error; one that does not validate keeps
 * its errors, which every request for it answers with.
 */
final class PreparedDocuments {
    static final int CACHE_SIZE = 500;

    /** A parsed document and what validating it found (empty when it is valid). */
    record Prepared(Document document, List<GraphQLError> errors) {
    }

    private final GraphQLSchema schema;
    private final Map<String, Prepared> documents = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Prepared> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    PreparedDocuments(GraphQLSchema schema) {
        this.schema = schema;
    }

    Prepared prepare(String query) {
        Prepared cached = documents.get(query);
        if (cached != null) {
            return cached;
        }
        Document document;
        try {
            document = Parser.parse(query);
        } catch (InvalidSyntaxException e) {
            throw new ApiException(ErrorCode.GRAPHQL_PARSE_FAILED, e.getMessage());
        }
        List<ValidationError> errors = ParseAndValidate.validate(schema, document, rule -> true,
                Locale.getDefault(), OperationLimits.validationLimits());
        Prepared prepared = new Prepared(document, List.copyOf(errors));
        documents.put(query, prepared);
        return prepared;
    }

    /** The operation a request runs: the one it names, or the only one; anything else is a validation error. */
    static OperationDefinition chooseOperation(Document document, String operationName) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        if (operations.isEmpty()) {
            throw new ApiException(ErrorCode.GRAPHQL_VALIDATION_FAILED, "The document contains no operation.");
        }
        if (operationName == null) {
            if (operations.size() > 1) {
                throw new ApiException(ErrorCode.GRAPHQL_VALIDATION_FAILED,
                        "The document contains several operations: name one with \"operationName\".");
            }
            return operations.getFirst();
        }
        return operations.stream().filter(op -> operationName.equals(op.getName())).findFirst()
                .orElseThrow(() -> new ApiException(ErrorCode.GRAPHQL_VALIDATION_FAILED,
                        "The document has no operation named \"" + operationName + "\"."));
    }

    static Map<String, FragmentDefinition> fragments(Document document) {
        return document.getDefinitionsOfType(FragmentDefinition.class).stream()
                .collect(Collectors.toMap(FragmentDefinition::getName, f -> f, (a, b) -> a));
    }
}
