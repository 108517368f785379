package dev.auscult.server;

import dev.auscult.server.store.Account;

import dev.auscult.server.store.Person;
import dev.auscult.server.service.Actor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.server.service.People;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** A people directory as HR systems export it: RFC 4180 quoting, a byte-order mark, headers in any order, duplicates reported. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.auscult.server.TestDatabases#all")
class PeopleImportTest {

    @Parameter
    TestDatabases.Kind db;

    private RunningServer server;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(db.freshUrl(), m -> { });
        server.services.accounts().create("acme", "Acme", "test");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Person person(String email) {
        return server.services.people().find(new Account("acme"), email).orElseThrow();
    }

    @Test
    void quotedCommasStayInTheNameAndAByteOrderMarkIsNotPartOfTheHeader() {
        People.ImportResult r = server.services.people().importCsv(new Account("acme"),
                "\uFEFFemail,name,group\r\nzoe@acme.example,\"Zoë Zhang, PhD\",eng\r\n\"o'brien@acme.example\",\"Conor \"\"Con\"\" O'Brien\",\r\n", Actor.cli("acme", "test"));
        assertEquals(List.of(), r.problems());
        assertEquals(2, r.added());
        assertEquals(Optional.of("Zoë Zhang, PhD"), person("zoe@acme.example").name());
        assertEquals(Optional.of("eng"), person("zoe@acme.example").group());
        assertEquals(Optional.of("Conor \"Con\" O'Brien"), person("o'brien@acme.example").name());
        assertEquals(Optional.empty(), person("o'brien@acme.example").group());
    }

    @Test
    void aHeaderNamesTheColumnsInAnyOrderWithTheUsualSynonyms() {
        People.ImportResult r = server.services.people().importCsv(new Account("acme"),
                "Department,Full Name,E-mail Address,Employee ID\nSales,Bob Stone,BOB@acme.example,1042\n", Actor.cli("acme", "test"));
        assertEquals(List.of(), r.problems());
        assertEquals(Optional.of("Bob Stone"), person("bob@acme.example").name());
        assertEquals(Optional.of("Sales"), person("bob@acme.example").group());
        People.ImportResult none = server.services.people().importCsv(new Account("acme"), "Name,Team\nBob,Sales\n", Actor.cli("acme", "test"));
        assertEquals(List.of("line 1: the header names no e-mail column (expected one called email)"), none.problems());
    }

    @Test
    void duplicatesAndBadRowsAreReportedWithTheLineTheyStartOn() {
        People.ImportResult r = server.services.people().importCsv(new Account("acme"), String.join("\n",
                "alice@acme.example,Alice,eng",
                "bob@acme.example,\"Bob",
                "the Builder\",ops",
                "not an address,Nobody,",
                "Alice@acme.example,Alice Again,ops",
                ""), Actor.cli("acme", "test"));
        assertEquals(2, r.added());
        assertEquals(List.of("line 4: 'not an address' is not an e-mail address",
                "line 5: alice@acme.example is already on line 1; this row was not imported"), r.problems());
        assertEquals(Optional.of("Bob\nthe Builder"), person("bob@acme.example").name());
        assertEquals(Optional.of("eng"), person("alice@acme.example").group(), "the first row stands");
        assertTrue(server.services.audit().recent(new Account("acme"), 5).getFirst().detail().contains("2 added, 0 updated, 2 rows refused"));
    }

    @Test
    void theCommandLineImportReadsTheSameWay() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("people", ".csv");
        java.nio.file.Files.writeString(file, "\uFEFFgroup,email,name\neng,zoe@acme.example,\"Zhang, Zoë\"\n");
        var cli = Main.commandLine();
        java.io.StringWriter out = new java.io.StringWriter();
        cli.setOut(new java.io.PrintWriter(out));
        int code = cli.execute("admin", "import-people", file.toString(), "--account", "acme", "--database",
                server.services.config().databaseUrl().orElseThrow());
        assertEquals(0, code, out.toString());
        assertEquals(Optional.of("Zhang, Zoë"), person("zoe@acme.example").name());
        java.io.StringWriter list = new java.io.StringWriter();
        cli = Main.commandLine();
        cli.setOut(new java.io.PrintWriter(list));
        assertEquals(0, cli.execute("admin", "list-people", "--account", "acme", "--database", server.services.config().databaseUrl().orElseThrow()));
        String row = list.toString().lines().filter(l -> l.startsWith("zoe@acme.example")).findFirst().orElseThrow();
        assertTrue(row.contains("Zhang, Zoë") && row.contains("eng") && row.contains("import") && row.contains("active") && row.endsWith(" 0"), row);
        assertTrue(list.toString().contains("1 person"), list.toString());
    }
}
