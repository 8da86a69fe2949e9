-- SQL Server schema generated from the TypeORM entities by `npm run schema:mssql`. Do not edit by hand.
GO
CREATE TABLE "jobcentre" ("id" varchar(36) NOT NULL, "name" nvarchar(100) NOT NULL, "cluster" nvarchar(100) NOT NULL, "district" nvarchar(100) NOT NULL, "bankHolidayRegion" varchar(32) NOT NULL, CONSTRAINT "UQ_jobcentre_name" UNIQUE ("name"), CONSTRAINT "PK_26382af3a7bc7eb48ee8038f4c8" PRIMARY KEY ("id"));
GO
CREATE TABLE "staff" ("id" varchar(36) NOT NULL, "aadObjectId" varchar(36) NOT NULL, "name" nvarchar(200) NOT NULL, "email" nvarchar(320) NOT NULL, "jobcentreId" varchar(36), "deaId" varchar(36), "teamLeaderId" varchar(36), "createdAt" datetime2 NOT NULL, "updatedAt" datetime2 NOT NULL, CONSTRAINT "UQ_staff_aad_object_id" UNIQUE ("aadObjectId"), CONSTRAINT "PK_e4ee98bb552756c180aec1e854a" PRIMARY KEY ("id"));
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
CREATE TABLE "processed_activity" ("id" varchar(64) NOT NULL, "receivedAt" datetime2 NOT NULL, CONSTRAINT "PK_9832fc6f0601bfc3046bdaeb851" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_processed_activity_received" ON "processed_activity" ("receivedAt") ;
GO
CREATE TABLE "conversation_reference" ("id" varchar(64) NOT NULL, "conversationType" varchar(20) NOT NULL, "aadObjectId" varchar(36), "reference" nvarchar(MAX) NOT NULL, "updatedAt" datetime2 NOT NULL, CONSTRAINT "PK_1782446d09568738ec4e2fac749" PRIMARY KEY ("id"));
GO
CREATE INDEX "IDX_conversation_reference_person" ON "conversation_reference" ("aadObjectId", "conversationType") ;
GO
ALTER TABLE "staff" ADD CONSTRAINT "FK_staff_jobcentre" FOREIGN KEY ("jobcentreId") REFERENCES "jobcentre"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "staff" ADD CONSTRAINT "FK_staff_dea" FOREIGN KEY ("deaId") REFERENCES "staff"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "staff" ADD CONSTRAINT "FK_staff_team_leader" FOREIGN KEY ("teamLeaderId") REFERENCES "staff"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
ALTER TABLE "staff_role" ADD CONSTRAINT "FK_staff_role_staff" FOREIGN KEY ("staffId") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE NO ACTION;
GO
