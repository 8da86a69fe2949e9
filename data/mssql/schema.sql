-- SQL Server schema generated from the TypeORM entities by `npm run schema:mssql`. Do not edit by hand.
GO
CREATE TABLE "jobcentre" ("id" varchar(36) NOT NULL, "name" nvarchar(100) NOT NULL, "cluster" nvarchar(100) NOT NULL, "district" nvarchar(100) NOT NULL, "bankHolidayRegion" varchar(32) NOT NULL, CONSTRAINT "UQ_jobcentre_name" UNIQUE ("name"), CONSTRAINT "PK_26382af3a7bc7eb48ee8038f4c8" PRIMARY KEY ("id"));
GO
CREATE TABLE "staff" ("id" varchar(36) NOT NULL, "aadObjectId" varchar(36) NOT NULL, "name" nvarchar(200) NOT NULL, "email" nvarchar(320) NOT NULL, "jobcentreId" varchar(36), "deaId" varchar(36), "teamLeaderId" varchar(36), "createdAt" datetime2 NOT NULL, "updatedAt" datetime2 NOT NULL, "workingHours" varchar(400), CONSTRAINT "UQ_staff_aad_object_id" UNIQUE ("aadObjectId"), CONSTRAINT "PK_e4ee98bb552756c180aec1e854a" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_staff_dea" ON "staff" ("deaId") ;
GO
CREATE INDEX "IDX_staff_team_leader" ON "staff" ("teamLeaderId") ;
GO
CREATE TABLE "staff_role" ("staffId" varchar(36) NOT NULL, "role" varchar(40) NOT NULL, CONSTRAINT "PK_60c1576ad8a94e8638229c29e6d" PRIMARY KEY ("staffId", "role"));
GO
CREATE INDEX "IDX_staff_role_role" ON "staff_role" ("role") ;
GO
CREATE TABLE "bot_state" ("id" varchar(64) NOT NULL, "storageKey" nvarchar(1024) NOT NULL, "document" nvarchar(MAX) NOT NULL, "etag" varchar(64) NOT NULL, "updatedAt" datetime2 NOT NULL, CONSTRAINT "PK_fdd736e5b3ba6208291987186a8" PRIMARY KEY ("id"));
GO
CREATE TABLE "processed_activity" ("id" varchar(64) NOT NULL, "receivedAt" datetime2 NOT NULL, "completedAt" datetime2, CONSTRAINT "PK_9832fc6f0601bfc3046bdaeb851" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_processed_activity_received" ON "processed_activity" ("receivedAt") ;
GO
CREATE TABLE "conversation_reference" ("id" varchar(64) NOT NULL, "conversationType" varchar(20) NOT NULL, "aadObjectId" varchar(36), "reference" nvarchar(MAX) NOT NULL, "updatedAt" datetime2 NOT NULL, CONSTRAINT "PK_1782446d09568738ec4e2fac749" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_conversation_reference_person" ON "conversation_reference" ("aadObjectId", "conversationType") ;
GO
CREATE TABLE "outbox" ("id" varchar(36) NOT NULL, "recipientAad" varchar(36) NOT NULL, "kind" varchar(40) NOT NULL, "subjectId" varchar(36), "createdAt" datetime2 NOT NULL, "nextAttemptAt" datetime2 NOT NULL, "attempts" int NOT NULL, "leaseUntil" datetime2, "deliveredAt" datetime2, "lastError" nvarchar(400), "lastStatus" int, "deadAt" datetime2, "activityId" nvarchar(200), "waiterToldAt" datetime2, CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_outbox_pending" ON "outbox" ("deliveredAt", "nextAttemptAt") ;
GO
CREATE INDEX "IDX_outbox_recipient" ON "outbox" ("recipientAad", "deliveredAt") ;
GO
CREATE TABLE "calendar_event" ("id" varchar(36) NOT NULL, "mailbox" nvarchar(320) NOT NULL, "subject" nvarchar(255) NOT NULL, "body" nvarchar(MAX) NOT NULL, "startsAt" datetime2 NOT NULL, "endsAt" datetime2 NOT NULL, "showAs" varchar(12) NOT NULL, "attendees" nvarchar(MAX) NOT NULL, "location" nvarchar(255), "joinUrl" nvarchar(400), "transactionId" varchar(100) NOT NULL, "createdAt" datetime2 NOT NULL, CONSTRAINT "UQ_calendar_event_transaction" UNIQUE ("mailbox", "transactionId"), CONSTRAINT "PK_176fe24e6eb48c3fef696c7641f" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_calendar_event_mailbox_start" ON "calendar_event" ("mailbox", "startsAt") ;
GO
CREATE INDEX "IDX_calendar_event_end" ON "calendar_event" ("endsAt") ;
GO
CREATE TABLE "job_run" ("id" varchar(120) NOT NULL, "leaseUntil" datetime2 NOT NULL, "completedAt" datetime2, CONSTRAINT "PK_96fe0b041b8bc157dcec25bd8ef" PRIMARY KEY ("id"));
GO
CREATE TABLE "conversation_pace" ("id" varchar(64) NOT NULL, "nextAt" datetime2 NOT NULL, "version" int NOT NULL, CONSTRAINT "PK_e584d9d25f5134bf653d088efd5" PRIMARY KEY ("id"));
GO
CREATE TABLE "work_item" ("id" varchar(120) NOT NULL, "kind" varchar(40) NOT NULL, "subjectId" varchar(64) NOT NULL, "dueAt" datetime2, "leaseUntil" datetime2, "generation" int NOT NULL, "attempts" int NOT NULL, "lastError" nvarchar(400), "createdAt" datetime2 NOT NULL, "updatedAt" datetime2 NOT NULL, CONSTRAINT "PK_ef6a53d98d3a483417ae3334144" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_work_item_due" ON "work_item" ("dueAt") ;
GO
CREATE TABLE "claimant" ("id" varchar(36) NOT NULL, "surname" nvarchar(100) NOT NULL, "nino" varchar(9) NOT NULL, "benefits" varchar(100) NOT NULL, "createdAt" datetime2 NOT NULL, "updatedAt" datetime2 NOT NULL, CONSTRAINT "PK_b20611bde28b328e37fadb7b053" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_claimant_nino" ON "claimant" ("nino") ;
GO
CREATE TABLE "support_request" ("id" varchar(36) NOT NULL, "number" int NOT NULL, "submissionKey" varchar(64) NOT NULL, "type" varchar(32) NOT NULL, "status" varchar(32) NOT NULL, "version" int NOT NULL, "requesterId" varchar(36) NOT NULL, "deaId" varchar(36) NOT NULL, "claimantId" varchar(36), "topic" varchar(40), "description" nvarchar(MAX) NOT NULL, "reason" nvarchar(1000), "requiredBy" varchar(10), "urgent" bit NOT NULL, "vulnerability" varchar(32), "createdAt" datetime2 NOT NULL, "updatedAt" datetime2 NOT NULL, "channel" varchar(40), "inappropriate" bit, "parentRequestId" varchar(36), "requestedChannel" varchar(40), "claimantCoachId" varchar(36), "meetingBooked" bit NOT NULL CONSTRAINT "DF_2cf3722722b08cf91ec4cad83ae" DEFAULT 0, "meetingStartsAt" datetime2, "meetingEndsAt" datetime2, "deaTeamLeaderId" varchar(36), "requesterTeamLeaderId" varchar(36), CONSTRAINT "UQ_support_request_number" UNIQUE ("number"), CONSTRAINT "UQ_support_request_submission" UNIQUE ("submissionKey"), CONSTRAINT "PK_76db9b511f3ac27bf3237432acc" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_support_request_requester" ON "support_request" ("requesterId", "createdAt") ;
GO
CREATE INDEX "IDX_support_request_dea" ON "support_request" ("deaId", "status") ;
GO
CREATE INDEX "IDX_support_request_dea_list" ON "support_request" ("deaId", "status", "channel", "urgent", "requiredBy", "createdAt", "updatedAt", "number", "id") ;
GO
CREATE INDEX "IDX_support_request_leader_checks" ON "support_request" ("deaTeamLeaderId", "meetingBooked", "updatedAt", "number", "status", "channel", "id") ;
GO
CREATE INDEX "IDX_support_request_coach_leader_checks" ON "support_request" ("requesterTeamLeaderId", "meetingBooked", "updatedAt", "number", "status", "channel", "deaTeamLeaderId", "id") ;
GO
CREATE INDEX "IDX_support_request_meetings" ON "support_request" ("deaId", "status", "meetingStartsAt", "number", "id") ;
GO
CREATE TABLE "request_event" ("id" varchar(36) NOT NULL, "requestId" varchar(36) NOT NULL, "at" datetime2 NOT NULL, "actorId" varchar(36), "action" varchar(40) NOT NULL, "fromStatus" varchar(32), "toStatus" varchar(32) NOT NULL, CONSTRAINT "PK_156f0e366bd6410bfe226bea635" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_request_event_request" ON "request_event" ("requestId", "at") ;
GO
CREATE TABLE "request_message" ("id" varchar(36) NOT NULL, "requestId" varchar(36) NOT NULL, "at" datetime2 NOT NULL, "authorId" varchar(36) NOT NULL, "kind" varchar(20) NOT NULL, "body" nvarchar(MAX) NOT NULL, "summary" nvarchar(1000), "expectedReturn" varchar(10), CONSTRAINT "PK_2abc687f76b2e31fc2dba1dd017" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_request_message_request" ON "request_message" ("requestId", "at") ;
GO
CREATE TABLE "trend_alert" ("id" varchar(36) NOT NULL, "trendKey" varchar(64) NOT NULL, "kind" varchar(30) NOT NULL, "teamLeaderId" varchar(36) NOT NULL, "coachIds" varchar(1200) NOT NULL, "topic" varchar(40), "count" int NOT NULL, "windowDays" int NOT NULL, "createdAt" datetime2 NOT NULL, CONSTRAINT "UQ_trend_alert_key" UNIQUE ("trendKey"), CONSTRAINT "PK_2e5829e52711ee73abbb6ddaddd" PRIMARY KEY ("id"));
GO
CREATE TABLE "posted_card" ("id" varchar(64) NOT NULL, "requestId" varchar(36) NOT NULL, "recipientAad" varchar(36) NOT NULL, "activityId" nvarchar(200) NOT NULL, "reference" nvarchar(MAX) NOT NULL, "postedAt" datetime2 NOT NULL, CONSTRAINT "PK_347568184d758293a9cc2284006" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_posted_card_request" ON "posted_card" ("requestId") ;
GO
CREATE TABLE "booking" ("id" varchar(36) NOT NULL, "requestId" varchar(36) NOT NULL, "startsAt" datetime2 NOT NULL, "endsAt" datetime2 NOT NULL, "mode" varchar(20) NOT NULL, "status" varchar(20) NOT NULL, "events" nvarchar(MAX) NOT NULL, "joinUrl" nvarchar(400), "lastError" nvarchar(400), "version" int NOT NULL, "createdAt" datetime2 NOT NULL, "updatedAt" datetime2 NOT NULL, "claimantContact" varchar(20), CONSTRAINT "PK_49171efc69702ed84c812f33540" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_booking_request" ON "booking" ("requestId") ;
GO
CREATE INDEX "IDX_booking_status_end" ON "booking" ("status", "endsAt") ;
GO
CREATE INDEX "IDX_booking_request_status" ON "booking" ("requestId", "status") ;
GO
CREATE TABLE "consent_record" ("id" varchar(36) NOT NULL, "requestId" varchar(36) NOT NULL, "purpose" varchar(40) NOT NULL, "conditionality" varchar(12) NOT NULL, "statements" varchar(400) NOT NULL, "answer" varchar(10) NOT NULL, "availability" varchar(200) NOT NULL, "letterFormat" varchar(12) NOT NULL, "capturedById" varchar(36) NOT NULL, "capturedAt" datetime2 NOT NULL, CONSTRAINT "UQ_consent_record_request" UNIQUE ("requestId", "purpose"), CONSTRAINT "PK_b357c35aea3aa0be4647282324f" PRIMARY KEY ("id"));
GO
CREATE TABLE "intervention_override" ("id" varchar(36) NOT NULL, "requestId" varchar(36) NOT NULL, "reason" nvarchar(1000) NOT NULL, "askedById" varchar(36) NOT NULL, "askedAt" datetime2 NOT NULL, "teamLeaderId" varchar(36) NOT NULL, "decision" varchar(10) NOT NULL, "decidedAt" datetime2, "note" nvarchar(1000), "priorCount" int NOT NULL, CONSTRAINT "PK_c6ecbdd93a7cd84a410c780893c" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_intervention_override_request" ON "intervention_override" ("requestId") ;
GO
CREATE TABLE "meeting_record" ("id" varchar(36) NOT NULL, "requestId" varchar(36) NOT NULL, "kind" varchar(10) NOT NULL, "authorId" varchar(36) NOT NULL, "at" datetime2 NOT NULL, "body" nvarchar(MAX) NOT NULL, "nextSteps" varchar(400) NOT NULL, "sentToId" varchar(36), CONSTRAINT "UQ_meeting_record_kind" UNIQUE ("requestId", "kind"), CONSTRAINT "PK_5051aa4543b558a51b12e14d59a" PRIMARY KEY ("id"));
GO
CREATE TABLE "quality_check" ("id" varchar(36) NOT NULL, "requestId" varchar(36) NOT NULL, "standard" varchar(10) NOT NULL, "checkerId" varchar(36) NOT NULL, "markedAt" datetime2 NOT NULL, "result" varchar(12), "notes" nvarchar(2000), "recordedAt" datetime2, CONSTRAINT "UQ_quality_check_request" UNIQUE ("requestId"), CONSTRAINT "PK_46244a39dc1749e2ba591574d16" PRIMARY KEY ("id"));
GO
CREATE TABLE "conference_plan" ("id" varchar(36) NOT NULL, "deaId" varchar(36) NOT NULL, "wctlId" varchar(36) NOT NULL, "durationMinutes" int NOT NULL, "inviteWctl" bit NOT NULL, "workPsychologistId" varchar(36), "meetingMethod" varchar(12) NOT NULL CONSTRAINT "DF_ac87ee8c324252ec8c254af7cfd" DEFAULT 'teams', "venue" nvarchar(200), "room" nvarchar(100), "timeOfDay" varchar(10) NOT NULL CONSTRAINT "DF_87d9777f79131ba4aad36cc7237" DEFAULT 'any', "status" varchar(20) NOT NULL, "groups" nvarchar(MAX) NOT NULL, "warning" nvarchar(400), "cardActivityId" nvarchar(200), "cardReference" nvarchar(MAX), "version" int NOT NULL, "createdAt" datetime2 NOT NULL, "updatedAt" datetime2 NOT NULL, CONSTRAINT "PK_92b97f638d67d851a3e8d1adeaa" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_conference_plan_dea" ON "conference_plan" ("deaId", "status") ;
GO
CREATE TABLE "group_conference" ("id" varchar(36) NOT NULL, "planId" varchar(36) NOT NULL, "month" varchar(7) NOT NULL, "groupIndex" int NOT NULL, "startsAt" datetime2, "endsAt" datetime2, "coachIds" nvarchar(MAX) NOT NULL, "clashes" nvarchar(MAX) NOT NULL, "status" varchar(20) NOT NULL, "eventId" nvarchar(400), "joinUrl" nvarchar(400), "lastError" nvarchar(400), "casesSentAt" datetime2, "summary" nvarchar(MAX), "actions" nvarchar(MAX), "version" int NOT NULL, "createdAt" datetime2 NOT NULL, "updatedAt" datetime2 NOT NULL, CONSTRAINT "UQ_group_conference_slot" UNIQUE ("planId", "month", "groupIndex"), CONSTRAINT "PK_ec9b37fdecda97789dd25eefdd9" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_group_conference_start" ON "group_conference" ("status", "startsAt") ;
GO
CREATE TABLE "conference_case" ("id" varchar(36) NOT NULL, "conferenceId" varchar(36) NOT NULL, "nominatedById" varchar(36) NOT NULL, "requestId" varchar(36), "reference" varchar(20), "note" nvarchar(200), "nextSteps" varchar(400), "followUps" varchar(400), "outcomeAt" datetime2, "createdAt" datetime2 NOT NULL, CONSTRAINT "PK_d4d7d1f7db5f9d0e6e013d65f41" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_conference_case_conference" ON "conference_case" ("conferenceId") ;
GO
CREATE TABLE "conference_qas" ("id" varchar(36) NOT NULL, "planId" varchar(36) NOT NULL, "conferenceId" varchar(36) NOT NULL, "month" varchar(7) NOT NULL, "checkedById" varchar(36) NOT NULL, "result" varchar(20) NOT NULL, "comments" nvarchar(1000), "createdAt" datetime2 NOT NULL, CONSTRAINT "UQ_conference_qas_conference" UNIQUE ("conferenceId"), CONSTRAINT "PK_27fd2903c500378ebf719036118" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_conference_qas_plan" ON "conference_qas" ("planId") ;
GO
CREATE TABLE "advice_conversation" ("id" varchar(36) NOT NULL, "number" int NOT NULL, "status" varchar(20) NOT NULL, "coachId" varchar(36) NOT NULL, "hcpId" varchar(36) NOT NULL, "contactId" varchar(36), "jobcentreId" varchar(36) NOT NULL, "cluster" nvarchar(100) NOT NULL, "district" nvarchar(100) NOT NULL, "surname" nvarchar(100) NOT NULL, "nino" varchar(9) NOT NULL, "benefit" varchar(10) NOT NULL, "wcaStatus" varchar(10) NOT NULL, "wcaSummary" nvarchar(MAX), "background" nvarchar(MAX) NOT NULL, "conditions" nvarchar(MAX) NOT NULL, "adviceTypes" varchar(200) NOT NULL, "channel" varchar(20) NOT NULL, "complex" bit NOT NULL, "adHoc" bit NOT NULL, "askedAdHoc" bit NOT NULL CONSTRAINT "DF_4628e7e270cb947a2188fb6ec06" DEFAULT 0, "consentAgreed" bit NOT NULL, "gpConsent" bit NOT NULL, "consentById" varchar(36) NOT NULL, "consentAt" datetime2 NOT NULL, "startsAt" datetime2, "endsAt" datetime2, "prepStartsAt" datetime2, "timesMoved" int NOT NULL, "packReadyAt" datetime2, "preparedAt" datetime2, "heldAt" datetime2, "returnedAt" datetime2, "returnConfirmedAt" datetime2, "findings" varchar(30) NOT NULL, "diaryEvents" nvarchar(MAX) NOT NULL, "diaryStatus" varchar(10) NOT NULL CONSTRAINT "DF_0fc64a6c155413254de31113fdf" DEFAULT 'done', "diaryError" nvarchar(400), "packRemindedAt" datetime2, "submissionKey" varchar(64), "version" int NOT NULL, "createdAt" datetime2 NOT NULL, "updatedAt" datetime2 NOT NULL, CONSTRAINT "UQ_advice_conversation_number" UNIQUE ("number"), CONSTRAINT "PK_1380a20499d10d9637c8da2d422" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_advice_conversation_hcp" ON "advice_conversation" ("hcpId", "startsAt") ;
GO
CREATE INDEX "IDX_advice_conversation_coach" ON "advice_conversation" ("coachId", "createdAt") ;
GO
CREATE INDEX "IDX_advice_conversation_district" ON "advice_conversation" ("district", "createdAt") ;
GO
CREATE INDEX "IDX_advice_conversation_jobcentre" ON "advice_conversation" ("jobcentreId", "startsAt") ;
GO
CREATE INDEX "IDX_advice_conversation_status_start" ON "advice_conversation" ("status", "startsAt") ;
GO
CREATE UNIQUE INDEX "UQ_advice_conversation_submission" ON "advice_conversation" ("submissionKey") WHERE "submissionKey" IS NOT NULL;
GO
CREATE TABLE "advice_notes" ("conversationId" varchar(36) NOT NULL, "conditions" nvarchar(MAX) NOT NULL, "impact" nvarchar(MAX) NOT NULL, "functioning" nvarchar(MAX) NOT NULL, "actions" nvarchar(MAX) NOT NULL, "noAlternativeDiagnosis" bit NOT NULL, "wcaNotChallenged" bit NOT NULL, "findings" nvarchar(MAX), "signedName" nvarchar(200) NOT NULL, "signedOn" varchar(10) NOT NULL, "recordedById" varchar(36) NOT NULL, "recordedAt" datetime2 NOT NULL, CONSTRAINT "PK_79708857053e56dfc27f963293b" PRIMARY KEY ("conversationId"));
GO
CREATE TABLE "advice_event" ("id" varchar(36) NOT NULL, "conversationId" varchar(36) NOT NULL, "actorId" varchar(36) NOT NULL, "what" varchar(60) NOT NULL, "at" datetime2 NOT NULL, CONSTRAINT "PK_27ef20d6a99ef7c3b2650cb52bd" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_advice_event_conversation" ON "advice_event" ("conversationId", "at") ;
GO
CREATE TABLE "hcp_site_day" ("hcpId" varchar(36) NOT NULL, "date" varchar(10) NOT NULL, "jobcentreId" varchar(36) NOT NULL, "setById" varchar(36) NOT NULL, "setAt" datetime2 NOT NULL, CONSTRAINT "PK_efbddb8d1e38554de7aab1a5a55" PRIMARY KEY ("hcpId", "date"));
GO
CREATE TABLE "hcp_break" ("id" varchar(36) NOT NULL, "hcpId" varchar(36) NOT NULL, "weekday" int NOT NULL, "startTime" varchar(5) NOT NULL, "endTime" varchar(5) NOT NULL, "setById" varchar(36) NOT NULL, "setAt" datetime2 NOT NULL, CONSTRAINT "PK_a14c53f171eaae29f447ee1682e" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_hcp_break_hcp" ON "hcp_break" ("hcpId", "weekday") ;
GO
CREATE TABLE "hcp_activity" ("id" varchar(36) NOT NULL, "hcpId" varchar(36) NOT NULL, "kind" varchar(30) NOT NULL, "status" varchar(20) NOT NULL, "jobcentreId" varchar(36), "district" nvarchar(100) NOT NULL, "date" varchar(10), "startsAt" datetime2, "endsAt" datetime2, "takingPart" nvarchar(300) NOT NULL, "note" nvarchar(1000) NOT NULL, "caseReference" varchar(20), "caseCount" int, "adHoc" bit NOT NULL, "requestedById" varchar(36), "coachId" varchar(36), "setById" varchar(36), "recordedById" varchar(36), "recordedAt" datetime2, "diaryEvents" nvarchar(MAX), "version" int NOT NULL, "createdAt" datetime2 NOT NULL, "updatedAt" datetime2 NOT NULL, CONSTRAINT "PK_42dd2bb2373298569f650a5a3a6" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_hcp_activity_hcp" ON "hcp_activity" ("hcpId", "date") ;
GO
CREATE INDEX "IDX_hcp_activity_district" ON "hcp_activity" ("district", "date") ;
GO
CREATE TABLE "hcp_weekly_note" ("id" varchar(36) NOT NULL, "hcpId" varchar(36) NOT NULL, "district" nvarchar(100) NOT NULL, "weekStart" varchar(10) NOT NULL, "status" varchar(20) NOT NULL, "body" nvarchar(4000) NOT NULL, "submittedAt" datetime2, "reviewedById" varchar(36), "reviewedAt" datetime2, "changeReason" nvarchar(500), "remindedAt" datetime2, "version" int NOT NULL, "createdAt" datetime2 NOT NULL, "updatedAt" datetime2 NOT NULL, CONSTRAINT "UQ_hcp_weekly_note_week" UNIQUE ("hcpId", "weekStart"), CONSTRAINT "PK_c1909631f9993cec703a33cb1d3" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_hcp_weekly_note_district" ON "hcp_weekly_note" ("district", "weekStart") ;
GO
CREATE TABLE "hcp_attendance" ("id" varchar(36) NOT NULL, "hcpId" varchar(36) NOT NULL, "district" nvarchar(100) NOT NULL, "date" varchar(10) NOT NULL, "jobcentreId" varchar(36), "status" varchar(10) NOT NULL, "arrivedAt" datetime2, "recordedById" varchar(36) NOT NULL, "recordedAt" datetime2 NOT NULL, "supplierRequestId" varchar(36), CONSTRAINT "UQ_hcp_attendance_day" UNIQUE ("hcpId", "date"), CONSTRAINT "PK_aab0587238db13150506b1a1fa9" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_hcp_attendance_district" ON "hcp_attendance" ("district", "date") ;
GO
CREATE TABLE "supplier_request" ("id" varchar(36) NOT NULL, "number" int NOT NULL, "kind" varchar(30) NOT NULL, "status" varchar(20) NOT NULL, "district" nvarchar(100) NOT NULL, "hcpId" varchar(36), "fromDate" varchar(10), "toDate" varchar(10), "details" nvarchar(1000) NOT NULL, "caseReference" varchar(20), "raisedById" varchar(36) NOT NULL, "raisedAt" datetime2 NOT NULL, "dueOn" varchar(10) NOT NULL, "answeredAt" datetime2, "answeredById" varchar(36), "answer" nvarchar(1000), "coverOn" varchar(10), "version" int NOT NULL, CONSTRAINT "UQ_supplier_request_number" UNIQUE ("number"), CONSTRAINT "PK_c17262a2ec69b720fa9323c9e84" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_supplier_request_district" ON "supplier_request" ("district", "raisedAt") ;
GO
CREATE TABLE "hcp_notice" ("id" varchar(36) NOT NULL, "hcpId" varchar(36) NOT NULL, "district" nvarchar(100) NOT NULL, "givenOn" varchar(10) NOT NULL, "receivedOn" varchar(10) NOT NULL, "dueOn" varchar(10) NOT NULL, "lastDay" varchar(10) NOT NULL, "recordedById" varchar(36) NOT NULL, "recordedAt" datetime2 NOT NULL, CONSTRAINT "PK_234c35e51cf3e9879d1a04a7356" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_hcp_notice_district" ON "hcp_notice" ("district", "receivedOn") ;
GO
CREATE TABLE "follow_up_action" ("id" varchar(36) NOT NULL, "requestId" varchar(36) NOT NULL, "requestReference" varchar(20) NOT NULL, "kind" varchar(30) NOT NULL, "source" varchar(60) NOT NULL CONSTRAINT "DF_5734bbe024fae06aa3cef7b9527" DEFAULT '', "jobcentreId" varchar(36), "requesterId" varchar(36) NOT NULL, "deaId" varchar(36) NOT NULL, "assigneeId" varchar(36), "status" varchar(12) NOT NULL, "createdById" varchar(36) NOT NULL, "createdAt" datetime2 NOT NULL, "dueBy" datetime2 NOT NULL, "assignedAt" datetime2, "acceptedAt" datetime2, "doneAt" datetime2, "doneNote" nvarchar(2000), "version" int NOT NULL, CONSTRAINT "UQ_follow_up_action_source" UNIQUE ("requestId", "kind", "source"), CONSTRAINT "PK_6fed9fa349f171e94ce34ecacbd" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_follow_up_action_assignee" ON "follow_up_action" ("assigneeId") ;
GO
CREATE INDEX "IDX_follow_up_action_dea" ON "follow_up_action" ("deaId") ;
GO
CREATE INDEX "IDX_follow_up_action_requester" ON "follow_up_action" ("requesterId") ;
GO
CREATE INDEX "IDX_follow_up_action_due" ON "follow_up_action" ("status", "dueBy") ;
GO
CREATE TABLE "retention_case" ("id" varchar(36) NOT NULL, "number" int NOT NULL, "employerAdviserId" varchar(36) NOT NULL, "jobcentreId" varchar(36), "deaId" varchar(36), "workPsychologistId" varchar(36), "hcpId" varchar(36), "hcpAdvice" nvarchar(2000), "personName" nvarchar(100) NOT NULL, "employer" nvarchar(200) NOT NULL, "need" nvarchar(2000) NOT NULL, "nino" varchar(9), "surname" nvarchar(100), "assessment" varchar(20) NOT NULL, "status" varchar(24) NOT NULL, "route" varchar(32), "agreedNote" nvarchar(2400), "interventionRequestId" varchar(36), "outcome" varchar(32), "outcomeNote" nvarchar(2000), "outcomeById" varchar(36), "closedAt" datetime2, "createdAt" datetime2 NOT NULL, "version" int NOT NULL, CONSTRAINT "UQ_retention_case_number" UNIQUE ("number"), CONSTRAINT "PK_32c8c07759e477d3c5e400df1c2" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_retention_case_adviser" ON "retention_case" ("employerAdviserId") ;
GO
CREATE INDEX "IDX_retention_case_dea" ON "retention_case" ("deaId") ;
GO
CREATE INDEX "IDX_retention_case_wp" ON "retention_case" ("workPsychologistId") ;
GO
CREATE INDEX "IDX_retention_case_hcp" ON "retention_case" ("hcpId") ;
GO
CREATE TABLE "partnership_meeting" ("id" varchar(36) NOT NULL, "deaId" varchar(36) NOT NULL, "workPsychologistId" varchar(36) NOT NULL, "month" varchar(7) NOT NULL, "startsAt" datetime2 NOT NULL, "endsAt" datetime2 NOT NULL, "mode" varchar(16) NOT NULL, "status" varchar(10) NOT NULL, "eventId" varchar(200), "lastError" nvarchar(400), "movedBecause" nvarchar(300), CONSTRAINT "UQ_partnership_meeting_month" UNIQUE ("deaId", "workPsychologistId", "month"), CONSTRAINT "PK_d8db13145027d5267763dec4f53" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_partnership_meeting_status" ON "partnership_meeting" ("status") ;
GO
CREATE INDEX "IDX_partnership_meeting_wp" ON "partnership_meeting" ("workPsychologistId") ;
GO
CREATE TABLE "partnership_activity" ("id" varchar(36) NOT NULL, "deaId" varchar(36) NOT NULL, "workPsychologistId" varchar(36) NOT NULL, "kind" varchar(30) NOT NULL, "status" varchar(10) NOT NULL, "requestReference" varchar(20), "topic" nvarchar(500) NOT NULL, "feedback" nvarchar(1000), "heldOn" varchar(10), "note" nvarchar(2000), "createdAt" datetime2 NOT NULL, CONSTRAINT "PK_ba30ba2c07e58e3d9adc26ca3e2" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_partnership_activity_dea" ON "partnership_activity" ("deaId") ;
GO
CREATE INDEX "IDX_partnership_activity_wp" ON "partnership_activity" ("workPsychologistId") ;
GO
CREATE INDEX "IDX_partnership_activity_waiting" ON "partnership_activity" ("workPsychologistId", "status", "kind", "createdAt") ;
GO
CREATE TABLE "hub_entry" ("id" varchar(36) NOT NULL, "district" nvarchar(100) NOT NULL, "title" nvarchar(120) NOT NULL, "summary" nvarchar(600) NOT NULL, "link" nvarchar(400), "kind" varchar(40) NOT NULL, "status" varchar(30) NOT NULL, "keeperId" varchar(36) NOT NULL, "createdAt" datetime2 NOT NULL, "updatedAt" datetime2 NOT NULL, CONSTRAINT "PK_7a960429b391d0374170a60e950" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_hub_entry_district" ON "hub_entry" ("district", "status") ;
GO
CREATE TABLE "hub_change" ("id" varchar(36) NOT NULL, "entryId" varchar(36) NOT NULL, "action" varchar(10) NOT NULL, "title" nvarchar(120) NOT NULL, "summary" nvarchar(600) NOT NULL, "link" nvarchar(400), "kind" varchar(40) NOT NULL, "requestedById" varchar(36) NOT NULL, "contactId" varchar(36) NOT NULL, "status" varchar(20) NOT NULL, "reason" nvarchar(400), "version" int NOT NULL, "createdAt" datetime2 NOT NULL, "decidedAt" datetime2, CONSTRAINT "PK_b73b0f5b71c70973116dd3f4c36" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_hub_change_entry" ON "hub_change" ("entryId", "status") ;
GO
CREATE TABLE "opportunity" ("id" varchar(36) NOT NULL, "deaId" varchar(36) NOT NULL, "kind" varchar(40) NOT NULL, "status" varchar(30) NOT NULL, "title" nvarchar(120) NOT NULL, "summary" nvarchar(600) NOT NULL, "link" nvarchar(400), "hubEntryId" varchar(36), "sentTo" int NOT NULL, "createdAt" datetime2 NOT NULL, CONSTRAINT "PK_085fd6d6f4765325e6c16163568" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_opportunity_dea" ON "opportunity" ("deaId", "createdAt") ;
GO
CREATE TABLE "external_partner" ("id" varchar(36) NOT NULL, "district" nvarchar(100) NOT NULL, "deaId" varchar(36) NOT NULL, "name" nvarchar(120) NOT NULL, "kind" varchar(30) NOT NULL, "contact" nvarchar(200) NOT NULL, "website" nvarchar(400), "focus" nvarchar(400) NOT NULL, "lastMetOn" varchar(10), "version" int NOT NULL CONSTRAINT "DF_c430f9596d04401e6e0ddee0e27" DEFAULT 1, "createdAt" datetime2 NOT NULL, "updatedAt" datetime2 NOT NULL, CONSTRAINT "PK_d09eafb3f31a492118313d3afe8" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_external_partner_district" ON "external_partner" ("district") ;
GO
CREATE TABLE "service_change" ("id" varchar(36) NOT NULL, "partnerId" varchar(36) NOT NULL, "partnerName" nvarchar(120) NOT NULL, "district" nvarchar(100) NOT NULL, "sentById" varchar(36) NOT NULL, "change" nvarchar(400) NOT NULL, "impact" nvarchar(600) NOT NULL, "createdAt" datetime2 NOT NULL, CONSTRAINT "PK_0e46f671a758e857060e6eabbcf" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_service_change_district" ON "service_change" ("district", "createdAt") ;
GO
CREATE TABLE "strategy" ("id" varchar(36) NOT NULL, "kind" varchar(30) NOT NULL, "title" nvarchar(120) NOT NULL, "why" nvarchar(2000) NOT NULL, "leadId" varchar(36) NOT NULL, "ownerId" varchar(36) NOT NULL, "status" varchar(30) NOT NULL, "areas" varchar(400) NOT NULL, "internalPartners" varchar(400) NOT NULL, "partnerIds" nvarchar(MAX) NOT NULL, "gapConferenceIds" nvarchar(MAX) NOT NULL, "gapNote" nvarchar(1000), "version" int NOT NULL, "createdAt" datetime2 NOT NULL, "updatedAt" datetime2 NOT NULL, CONSTRAINT "PK_733d2c3d4a73c020375b9b3581d" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_strategy_lead" ON "strategy" ("leadId") ;
GO
CREATE INDEX "IDX_strategy_owner" ON "strategy" ("ownerId") ;
GO
CREATE TABLE "strategy_action" ("id" varchar(36) NOT NULL, "strategyId" varchar(36) NOT NULL, "what" nvarchar(400) NOT NULL, "owner" nvarchar(100) NOT NULL, "status" varchar(20) NOT NULL, "createdAt" datetime2 NOT NULL, CONSTRAINT "PK_6b82387f5523ae786b971c47c7a" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_strategy_action_strategy" ON "strategy_action" ("strategyId") ;
GO
CREATE TABLE "hub_forum_post" ("id" varchar(36) NOT NULL, "district" nvarchar(100) NOT NULL, "authorId" varchar(36) NOT NULL, "topic" nvarchar(120) NOT NULL, "body" nvarchar(2000) NOT NULL, "answer" nvarchar(2000), "answeredById" varchar(36), "answeredAt" datetime2, "version" int NOT NULL, "createdAt" datetime2 NOT NULL, CONSTRAINT "PK_411e424f042f50b7fa45421d056" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_hub_forum_post_district" ON "hub_forum_post" ("district", "createdAt") ;
GO
CREATE TABLE "strategy_meeting" ("id" varchar(36) NOT NULL, "strategyId" varchar(36) NOT NULL, "seriesId" varchar(36) NOT NULL, "startsAt" datetime2 NOT NULL, "endsAt" datetime2 NOT NULL, "mode" varchar(16) NOT NULL, "externalInvitees" nvarchar(2200) NOT NULL, "status" varchar(10) NOT NULL, "eventId" varchar(200), "lastError" nvarchar(400), "notes" nvarchar(2000), "notesById" varchar(36), "notesAt" datetime2, "version" int NOT NULL, "createdAt" datetime2 NOT NULL, CONSTRAINT "PK_fe63fe53bf43d72fa43b05c6387" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_strategy_meeting_strategy" ON "strategy_meeting" ("strategyId", "startsAt") ;
GO
CREATE INDEX "IDX_strategy_meeting_series" ON "strategy_meeting" ("seriesId") ;
GO
CREATE TABLE "privacy_record" ("id" varchar(36) NOT NULL, "kind" varchar(20) NOT NULL, "requestedById" varchar(36), "at" datetime2 NOT NULL, "dueAt" datetime2, "hcpDueAt" datetime2, "completedAt" datetime2, "cases" nvarchar(MAX) NOT NULL, "counts" nvarchar(MAX) NOT NULL, CONSTRAINT "PK_fc80307d23163a2d53f80ec4355" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_privacy_record_kind" ON "privacy_record" ("kind", "at") ;
GO
CREATE TABLE "access_log" ("id" varchar(36) NOT NULL, "at" datetime2 NOT NULL, "staffId" varchar(36) NOT NULL, "caseKind" varchar(20) NOT NULL, "caseId" varchar(36) NOT NULL, "relationship" varchar(40) NOT NULL, "shown" varchar(20) NOT NULL, CONSTRAINT "PK_bd09621fb73b42d9e32b85ae41f" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_access_log_case" ON "access_log" ("caseId", "at") ;
GO
CREATE INDEX "IDX_access_log_at" ON "access_log" ("at") ;
GO
CREATE TABLE "report_feedback" ("id" varchar(36) NOT NULL, "kind" varchar(20) NOT NULL, "subjectId" varchar(36) NOT NULL, "respondentId" varchar(36) NOT NULL, "district" nvarchar(100) NOT NULL, "question" varchar(40) NOT NULL, "score" int NOT NULL, "createdAt" datetime2 NOT NULL, CONSTRAINT "UQ_report_feedback_answer" UNIQUE ("subjectId", "respondentId", "question"), CONSTRAINT "PK_923666928a44566961159d426ef" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_report_feedback_district" ON "report_feedback" ("district", "createdAt") ;
GO
ALTER TABLE "staff" ADD CONSTRAINT "FK_staff_jobcentre" FOREIGN KEY ("jobcentreId") REFERENCES "jobcentre"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "staff" ADD CONSTRAINT "FK_staff_dea" FOREIGN KEY ("deaId") REFERENCES "staff"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "staff" ADD CONSTRAINT "FK_staff_team_leader" FOREIGN KEY ("teamLeaderId") REFERENCES "staff"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "staff_role" ADD CONSTRAINT "FK_staff_role_staff" FOREIGN KEY ("staffId") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE NO ACTION;
GO
ALTER TABLE "support_request" ADD CONSTRAINT "FK_support_request_requester" FOREIGN KEY ("requesterId") REFERENCES "staff"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "support_request" ADD CONSTRAINT "FK_support_request_dea" FOREIGN KEY ("deaId") REFERENCES "staff"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "support_request" ADD CONSTRAINT "FK_support_request_claimant" FOREIGN KEY ("claimantId") REFERENCES "claimant"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "request_event" ADD CONSTRAINT "FK_request_event_request" FOREIGN KEY ("requestId") REFERENCES "support_request"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "request_message" ADD CONSTRAINT "FK_request_message_request" FOREIGN KEY ("requestId") REFERENCES "support_request"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "booking" ADD CONSTRAINT "FK_booking_request" FOREIGN KEY ("requestId") REFERENCES "support_request"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "consent_record" ADD CONSTRAINT "FK_consent_record_request" FOREIGN KEY ("requestId") REFERENCES "support_request"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "intervention_override" ADD CONSTRAINT "FK_intervention_override_request" FOREIGN KEY ("requestId") REFERENCES "support_request"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "meeting_record" ADD CONSTRAINT "FK_meeting_record_request" FOREIGN KEY ("requestId") REFERENCES "support_request"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "quality_check" ADD CONSTRAINT "FK_quality_check_request" FOREIGN KEY ("requestId") REFERENCES "support_request"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "conference_plan" ADD CONSTRAINT "FK_conference_plan_dea" FOREIGN KEY ("deaId") REFERENCES "staff"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "group_conference" ADD CONSTRAINT "FK_group_conference_plan" FOREIGN KEY ("planId") REFERENCES "conference_plan"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "conference_case" ADD CONSTRAINT "FK_conference_case_conference" FOREIGN KEY ("conferenceId") REFERENCES "group_conference"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "conference_qas" ADD CONSTRAINT "FK_conference_qas_plan" FOREIGN KEY ("planId") REFERENCES "conference_plan"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "advice_conversation" ADD CONSTRAINT "FK_advice_conversation_coach" FOREIGN KEY ("coachId") REFERENCES "staff"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "advice_conversation" ADD CONSTRAINT "FK_advice_conversation_hcp" FOREIGN KEY ("hcpId") REFERENCES "staff"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "advice_conversation" ADD CONSTRAINT "FK_advice_conversation_jobcentre" FOREIGN KEY ("jobcentreId") REFERENCES "jobcentre"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "advice_notes" ADD CONSTRAINT "FK_advice_notes_conversation" FOREIGN KEY ("conversationId") REFERENCES "advice_conversation"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "advice_event" ADD CONSTRAINT "FK_advice_event_conversation" FOREIGN KEY ("conversationId") REFERENCES "advice_conversation"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "hcp_site_day" ADD CONSTRAINT "FK_hcp_site_day_hcp" FOREIGN KEY ("hcpId") REFERENCES "staff"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "hcp_site_day" ADD CONSTRAINT "FK_hcp_site_day_jobcentre" FOREIGN KEY ("jobcentreId") REFERENCES "jobcentre"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "hcp_break" ADD CONSTRAINT "FK_hcp_break_hcp" FOREIGN KEY ("hcpId") REFERENCES "staff"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "hcp_activity" ADD CONSTRAINT "FK_hcp_activity_hcp" FOREIGN KEY ("hcpId") REFERENCES "staff"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "hcp_weekly_note" ADD CONSTRAINT "FK_hcp_weekly_note_hcp" FOREIGN KEY ("hcpId") REFERENCES "staff"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "hcp_attendance" ADD CONSTRAINT "FK_hcp_attendance_hcp" FOREIGN KEY ("hcpId") REFERENCES "staff"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "hcp_notice" ADD CONSTRAINT "FK_hcp_notice_hcp" FOREIGN KEY ("hcpId") REFERENCES "staff"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "follow_up_action" ADD CONSTRAINT "FK_follow_up_action_request" FOREIGN KEY ("requestId") REFERENCES "support_request"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "hub_entry" ADD CONSTRAINT "FK_hub_entry_keeper" FOREIGN KEY ("keeperId") REFERENCES "staff"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "hub_change" ADD CONSTRAINT "FK_hub_change_entry" FOREIGN KEY ("entryId") REFERENCES "hub_entry"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "opportunity" ADD CONSTRAINT "FK_opportunity_dea" FOREIGN KEY ("deaId") REFERENCES "staff"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "service_change" ADD CONSTRAINT "FK_service_change_partner" FOREIGN KEY ("partnerId") REFERENCES "external_partner"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "strategy_action" ADD CONSTRAINT "FK_strategy_action_strategy" FOREIGN KEY ("strategyId") REFERENCES "strategy"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
