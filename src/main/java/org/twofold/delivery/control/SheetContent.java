package org.twofold.delivery.control;

import java.util.List;

/** What one printed page about a restore code says: to whom, where (letters only), the code and its link. */
public record SheetContent(String name, List<String> address, String user, String code, String link) {
}
