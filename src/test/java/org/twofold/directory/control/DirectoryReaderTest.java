package org.twofold.directory.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class DirectoryReaderTest {

    @Test
    void activeDirectoryHandsOutLongMemberListsInRangesUntilTheOpenEndedOne() {
        assertEquals("member;range=1500-*", DirectoryReader.nextRange("member", "member;range=0-1499"));
        assertEquals("member;range=3000-*", DirectoryReader.nextRange("member", "member;Range=1500-2999"));
        assertNull(DirectoryReader.nextRange("member", "member;range=3000-*"), "the last range");
        assertNull(DirectoryReader.nextRange("member", "member"), "a list that fits comes whole");
    }
}
