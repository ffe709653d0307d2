package app.alongside.push;

import org.bson.Document;

import java.util.List;

/**
 * A domain collection whose documents can carry a push need: the {@link PushOutbox} field, written in the same
 * document write as the state change that needs the push, so nothing is lost if the process dies in between.
 * The dispatcher claims such documents with a lease and asks the source what to send.
 */
public interface PushSource {
    /** The collection whose documents carry the {@link PushOutbox#FIELD} field. */
    String collection();

    /** The pushes one claimed document needs; empty when it needs none after all. */
    List<PushIntent> intents(Document document);

    static PushSource of(String collection, java.util.function.Function<Document, List<PushIntent>> intents) {
        return new PushSource() {
            @Override
            public String collection() {
                return collection;
            }

            @Override
            public List<PushIntent> intents(Document document) {
                return intents.apply(document);
            }
        };
    }
}
