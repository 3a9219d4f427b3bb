package org.twofold.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.Json;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Browser;
import org.twofold.testing.BrowserExtension;
import org.twofold.testing.Fixtures;

/** A security officer reviews the audit trail: filters it, pages back, verifies the chain, exports CSV. */
@ExtendWith({ApplianceExtension.class, BrowserExtension.class})
class AuditPageIT {

    private static final By ROWS = By.cssSelector("#trail\\:entries tbody tr");

    @Test
    void anOperatorActionIsFoundExportedAsCsvAndTheChainIsIntact(ApplianceServer server, Browser browser)
            throws IOException {
        String created = Fixtures.unique("audited");
        Fixtures.operator(server, created, "HELPDESK");
        JsonObject entry = rest(server, "target=" + encoded("operator:" + created) + "&action=operator.create").get(0);
        DashboardOperators officer = DashboardOperators.create(server, "SECURITY_OFFICER");

        browser.signIn(officer.name(), officer.password()).go("admin/audit.xhtml");
        browser.type(By.id("filter:target"), "operator:" + created);
        browser.type(By.id("filter:action"), "operator.create");
        browser.submit(By.id("filter:find"));
        browser.waitForText(By.id("trail:entries"), "operator:" + created);
        List<WebElement> rows = browser.all(ROWS);
        assertEquals(1, rows.size(), "one entry matches both filters");
        assertTrue(rows.get(0).getText().contains("operator:admin") && rows.get(0).getText().contains("roles [HELPDESK]"),
                rows.get(0).getText());
        assertTrue(browser.currentPath().contains("target=") && browser.currentPath().contains(created),
                "the filter is in the address: " + browser.currentPath());

        browser.click(By.id("chain:verify"));
        browser.waitForText(By.id("chain:verification"), "Intact: all");
        browser.screenshot("filtered-and-verified");
        long verified = Long.parseLong(browser.text(By.id("chain:verification")).replaceAll("\\D", ""));
        assertTrue(verified >= entry.getJsonNumber("seq").longValue(), "the chain was walked past the entry: " + verified);
        assertTrue(server.admin().call("GET", "audit/verification", null).expect(200).json().getBoolean("intact"));

        browser.click(By.id("filter:csv"));
        Path csv = browser.awaitDownload();
        assertEquals("twofold-audit.csv", csv.getFileName().toString());
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(List.of("seq,at,actor,action,target,sourceAddress,outcome,detail,hash",
                "\"" + String.join("\",\"", entry.getJsonNumber("seq").toString(), entry.getString("at"), "operator:admin",
                        "operator.create", "operator:" + created, "127.0.0.1", "SUCCESS", "roles [HELPDESK]",
                        entry.getString("hash")) + "\""), lines);
        assertEquals("audit.export", rest(server, "actor=" + encoded("operator:" + officer.name())).get(0).getString("action"),
                "the export is on record");
    }

    @Test
    void olderEntriesArePagedBackwards(ApplianceServer server, Browser browser) {
        String busy = Fixtures.unique("busy");
        Appliance.Operator operator = Fixtures.operator(server, busy, "ADMIN");
        for (int i = 0; i < 55; i++) {
            operator.call("POST", "relying-parties", Json.object("name", Fixtures.unique("paged"))).expect(201);
        }
        DashboardOperators officer = DashboardOperators.create(server, "SECURITY_OFFICER");

        browser.signIn(officer.name(), officer.password()).go("admin/audit.xhtml?actor=operator:" + busy);
        browser.visible(By.id("trail:entries"));
        List<Long> newest = seqs(browser);
        assertEquals(50, newest.size());
        assertEquals(newest.stream().sorted((a, b) -> Long.compare(b, a)).toList(), newest, "newest first");

        browser.click(By.id("trail:older"));
        browser.visible(By.id("trail:newest"));
        List<Long> older = seqs(browser);
        browser.screenshot("older");
        assertEquals(5, older.size(), older::toString);
        assertTrue(older.get(0) < newest.get(49), "the older page continues where the first ended");
        assertTrue(browser.all(By.id("trail:older")).isEmpty(), "nothing is older than the first entry");
        List<Long> all = rest(server, "actor=" + encoded("operator:" + busy)).stream()
                .map(e -> e.getJsonNumber("seq").longValue()).toList();
        assertEquals(all.subList(50, 55), older);
    }

    @Test
    void theHelpdeskIsRefusedThePage(ApplianceServer server, Browser browser) {
        DashboardOperators helpdesk = DashboardOperators.create(server, "HELPDESK");

        browser.signIn(helpdesk.name(), helpdesk.password());
        browser.visible(By.id("identities"));
        assertTrue(browser.all(By.linkText("Audit")).isEmpty(), "the menu does not offer the audit page");
        browser.go("admin/audit.xhtml");
        assertEquals("Not allowed", browser.text(By.id("forbidden")));
    }

    private static List<Long> seqs(Browser browser) {
        return browser.all(By.cssSelector("#trail\\:entries tbody td.tf-seq")).stream()
                .map(cell -> Long.parseLong(cell.getText().strip())).toList();
    }

    private static List<JsonObject> rest(ApplianceServer server, String query) {
        return server.admin().call("GET", "audit?" + query, null).expect(200).array().getValuesAs(JsonObject.class);
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
