package app.alongside.records;

import java.util.List;
import java.util.Optional;

import static app.alongside.records.FieldSpec.bool;
import static app.alongside.records.FieldSpec.choice;
import static app.alongside.records.FieldSpec.code;
import static app.alongside.records.FieldSpec.date;
import static app.alongside.records.FieldSpec.dateAfter;
import static app.alongside.records.FieldSpec.dateNotBefore;
import static app.alongside.records.FieldSpec.dateTime;
import static app.alongside.records.FieldSpec.integer;
import static app.alongside.records.FieldSpec.pastDate;
import static app.alongside.records.FieldSpec.text;

/**
 * The kinds of record, each in one mission with its own fields (the schema's {@code RecordKind}, one object type
 * and one input type each). {@code titleField} names the field that titles a record in lists; when it is null the
 * kind's label does. {@code dueField} names the date that makes the record due (an appointment, a review).
 */
public enum RecordKind {
    IMPORTANT_PERSON(Mission.RELATIONSHIPS, "ImportantPerson", "importantPerson", "Important person", "name", null,
            text("name", true, 200), choice("relationship"), text("howToKeepInTouch", false, 1000),
            text("contactArrangement", false, 1000), bool("inTouch", false)),
    EDUCATION_PLACEMENT(Mission.EDUCATION, "EducationPlacement", "educationPlacement", "Education placement",
            "institution", null, text("institution", true, 200), choice("stage"), text("course", false, 200),
            date("startDate", true), dateNotBefore("endDate", "startDate")),
    PEP_MEETING(Mission.EDUCATION, "PepMeeting", "pepMeeting", "PEP meeting", null, "nextReviewDate",
            date("meetingDate", true), text("targets", false, 2000), dateNotBefore("nextReviewDate", "meetingDate")),
    QUALIFICATION(Mission.EDUCATION, "Qualification", "qualification", "Qualification", "name", null,
            text("name", true, 200), integer("rqfLevel", false, 1, 8), text("grade", false, 50),
            pastDate("awardedOn", false)),
    BURSARY(Mission.EDUCATION, "Bursary", "bursary", "Bursary", "name", null, text("name", true, 200),
            text("provider", false, 200), integer("amountPence", false, 0, 10_000_000), pastDate("awardedOn", false)),
    ACCOMMODATION(Mission.HOME, "Accommodation", "accommodation", "Accommodation", "accommodationCode", null,
            code("accommodationCode", CodeCatalogue.ACCOM), bool("suitable", true), text("description", false, 500),
            date("fromDate", true), dateNotBefore("toDate", "fromDate")),
    TENANCY(Mission.HOME, "Tenancy", "tenancy", "Tenancy", "landlord", "endDate", text("landlord", true, 200),
            choice("tenancyType"), date("startDate", true), dateNotBefore("endDate", "startDate"),
            integer("weeklyRentPence", false, 0, 1_000_000)),
    HOME_MOVE(Mission.HOME, "HomeMove", "homeMove", "Home move", null, null, date("movedOn", true),
            text("reason", false, 1000), bool("theirChoice", false)),
    SETTING_UP_HOME_ITEM(Mission.HOME, "SettingUpHomeItem", "settingUpHomeItem", "Setting up home", "item", null,
            text("item", true, 200), integer("costPence", true, 0, 1_000_000), pastDate("boughtOn", false)),
    EET_STATUS(Mission.WORK, "EetStatus", "eetStatus", "Education, employment or training", "activityCode", null,
            code("activityCode", CodeCatalogue.ACTIV), pastDate("since", true)),
    JOB(Mission.WORK, "Job", "job", "Job", "jobTitle", null, text("employer", true, 200), text("jobTitle", true, 200),
            date("startDate", true), dateNotBefore("endDate", "startDate"), integer("hoursPerWeek", false, 0, 80)),
    APPRENTICESHIP(Mission.WORK, "Apprenticeship", "apprenticeship", "Apprenticeship", "standard", null,
            text("employer", true, 200), text("standard", true, 200), integer("level", true, 2, 7),
            date("startDate", true), dateNotBefore("endDate", "startDate")),
    APPLICATION(Mission.WORK, "JobApplication", "jobApplication", "Application", "role", null,
            text("organisation", true, 200), text("role", true, 200), pastDate("appliedOn", true), choice("outcome")),
    CV_ITEM(Mission.WORK, "CvItem", "cvItem", "CV", "heading", null, text("heading", true, 200),
            text("detail", false, 2000), date("startedOn", false), dateNotBefore("endedOn", "startedOn")),
    HEALTH_REGISTRATION(Mission.HEALTH, "HealthRegistration", "healthRegistration", "Registration", "practice", null,
            choice("service"), text("practice", true, 200), pastDate("registeredOn", false)),
    HEALTH_ASSESSMENT(Mission.HEALTH, "HealthAssessment", "healthAssessment", "Health assessment", null, "nextDueOn",
            pastDate("assessedOn", true), dateAfter("nextDueOn", "assessedOn")),
    HEALTH_APPOINTMENT(Mission.HEALTH, "HealthAppointment", "healthAppointment", "Appointment", "withWhom",
            "startsAt", dateTime("startsAt", true), text("withWhom", true, 200),
            integer("reminderMinutesBefore", false, 5, 20_160)),
    WELLBEING_CHECK_IN(Mission.HEALTH, "WellbeingCheckIn", "wellbeingCheckIn", "Wellbeing check-in", null, null,
            integer("mood", true, 1, 5), pastDate("checkedInOn", true));

    private final Mission mission;
    private final String typeName;
    private final String inputMember;
    private final String label;
    private final String titleField;
    private final String dueField;
    private final List<FieldSpec> fields;

    RecordKind(Mission mission, String typeName, String inputMember, String label, String titleField,
               String dueField, FieldSpec... fields) {
        this.mission = mission;
        this.typeName = typeName;
        this.inputMember = inputMember;
        this.label = label;
        this.titleField = titleField;
        this.dueField = dueField;
        this.fields = List.of(fields);
    }

    public Mission mission() {
        return mission;
    }

    /** The schema's object type for this kind. */
    public String typeName() {
        return typeName;
    }

    /** The member of {@code RecordDetailsInput} that carries this kind's fields. */
    public String inputMember() {
        return inputMember;
    }

    public String label() {
        return label;
    }

    public Optional<String> titleField() {
        return Optional.ofNullable(titleField);
    }

    public Optional<String> dueField() {
        return Optional.ofNullable(dueField);
    }

    public List<FieldSpec> fields() {
        return fields;
    }

    public static Optional<RecordKind> byInputMember(String member) {
        for (RecordKind kind : values()) {
            if (kind.inputMember.equals(member)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
