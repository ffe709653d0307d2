package app.alongside.messaging;

import app.alongside.platform.core.GlobalIds;
import app.alongside.push.PushCategory;
import app.alongside.push.PushIntent;
import app.alongside.push.PushSource;
import org.bson.Document;

import java.util.List;
import java.util.Map;

/**
 * What to push for a message document: one intent per recipient the message stored when it was sent
 * ({@code pushTo}), of kind {@value #KIND}. The data carries global ids only, never the text or anyone's name;
 * pushes of one thread collapse into one on the device; the sequence is the message's, so the app can order them.
 * A message deleted before the dispatcher got to it needs no push.
 */
public final class MessagingPushSource implements PushSource {
    public static final String KIND = "message.added";

    @Override
    public String collection() {
        return MessageRepository.COLLECTION;
    }

    @Override
    public List<PushIntent> intents(Document document) {
        if (Boolean.TRUE.equals(document.getBoolean("deleted"))) {
            return List.of();
        }
        String threadId = GlobalIds.encode(MessageThread.TYPE, document.getString("threadId"));
        Map<String, String> data = Map.of("threadId", threadId,
                "messageId", GlobalIds.encode(Message.TYPE, document.getString("_id")));
        long sequence = ((Number) document.get("sequence")).longValue();
        return document.getList("pushTo", Document.class, List.of()).stream()
                .map(target -> new PushIntent(target.getString("recipient"),
                        PushCategory.valueOf(target.getString("category")), KIND, data,
                        PushIntent.collapseKey("thread", threadId), sequence))
                .toList();
    }
}
