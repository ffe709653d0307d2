package app.alongside.platform.core;

import graphql.language.Document;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ErrorTextTest {
    @Test
    void documentValuesAreWrittenAsGraphql() {
        Document document = Parser.parse("mutation { updateMyProfile(input: {prefferedName: \"x\"}) { __typename }"
                + " myRecords(mission: WRK) { __typename } }");
        ErrorText text = ErrorText.of(document, Map.of());
        assertEquals("argument 'mission' with value 'WRK' is not a valid 'Mission'", text.render(
                "argument 'mission' with value 'EnumValue{name='WRK'}' is not a valid 'Mission'",
                ErrorCode.GRAPHQL_VALIDATION_FAILED));
        assertEquals("value '{prefferedName: \"x\"}' contains a field not in 'UpdateMyProfileInput'", text.render(
                "value 'ObjectValue{objectFields=[ObjectField{name='prefferedName', value=StringValue{value='x'}}]}'"
                        + " contains a field not in 'UpdateMyProfileInput'", ErrorCode.GRAPHQL_VALIDATION_FAILED));
    }

    @Test
    void javaTypesAndCollectionsBecomeKindsOfValue() {
        ErrorText text = ErrorText.of(null, Map.of("v", Map.of("a", List.of(1))));
        assertEquals("Expected a String input, but it was a 'number'", text.render(
                "Expected a String input, but it was a 'BigDecimal'", ErrorCode.BAD_USER_INPUT));
        assertEquals("Unknown value '{a: [1]}'", text.render("Unknown value '{a=[1]}'", ErrorCode.BAD_USER_INPUT));
        assertEquals("1E+400", ErrorText.value(new BigDecimal("1e400")), "never written out digit by digit");
    }

    @Test
    void whatStillLooksLikeJavaGivesWayToAPlainMessage() {
        assertEquals("A value in the request is not valid here.", ErrorText.none().render(
                "failed at java.util.HashMap@1a2b3c4d", ErrorCode.BAD_USER_INPUT));
        assertEquals("Fine as it is.", ErrorText.none().render("Fine as it is.", ErrorCode.BAD_USER_INPUT));
    }
}
