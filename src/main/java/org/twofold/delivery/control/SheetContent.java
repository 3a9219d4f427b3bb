package org.twofold.delivery.control;

import java.util.List;

import org.twofold.delivery.entity.CodePurpose;

/**
 * What one printed page about a code says: what the code is for, to whom, where (letters only), the code
 * and its link.
 */
public record SheetContent(CodePurpose purpose, String name, List<String> address, String user, String code, String link) {
}
