package app.alongside.platform.graphql;

import app.alongside.platform.core.ErrorText;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Response bodies as the GraphQL over HTTP and graphql-transport-ws specifications shape them. */
final class ResponseBodies {
    private ResponseBodies() {
    }

    /** One execution's body: {@code errors} (in the specification's form, with this request's texts) and data. */
    static Map<String, Object> of(ExecutionResult result, ErrorText text) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (!result.getErrors().isEmpty()) {
            body.put("errors", GraphqlErrors.toSpecification(result.getErrors(), text));
        }
        if (result.isDataPresent()) {
            body.put("data", result.getData());
        }
        return body;
    }

    /** A request error's body: errors and no data. */
    static Map<String, Object> errors(List<GraphQLError> errors, ErrorText text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", GraphqlErrors.toSpecification(errors, text));
        return body;
    }

    /** The subscription's results as response bodies; cancelling passes straight through to the source. */
    @SuppressWarnings("unchecked")
    static Publisher<Map<String, Object>> stream(Publisher<?> events, ErrorText text) {
        Publisher<ExecutionResult> results = (Publisher<ExecutionResult>) events;
        return subscriber -> results.subscribe(new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(ExecutionResult result) {
                subscriber.onNext(of(result, text));
            }

            @Override
            public void onError(Throwable failure) {
                subscriber.onError(failure);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        });
    }
}
