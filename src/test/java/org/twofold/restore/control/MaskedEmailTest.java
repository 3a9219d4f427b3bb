package org.twofold.restore.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Where the OTP went, without the address: the first letter of each part and the top-level domain. */
class MaskedEmailTest {

    @ParameterizedTest
    @CsvSource({
            "jdoe@corp.test,              j***@c***.test",
            "j@c.test,                    j***@c***.test",
            "john.doe@example.com,        j***@e***.com",
            "Jane.Doe+2fa@Corp.Example,   J***@C***.Example",
            "jdoe@mail.corp.test,         j***@m***.test",
            "jdoe@a.b.c.d.example.org,    j***@a***.org",
            "jdoe@localhost,              j***@l***",
            "x@y,                         x***@y***",
            "\"a@b\"@corp.test,           \"***@c***.test"})
    void showsTheFirstLettersAndTheTopLevelDomain(String email, String masked) {
        assertEquals(masked, MaskedEmail.of(email));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdoe", "", "@", "@corp.test", "jdoe@", "jdoe@corp.test@"})
    void withoutALocalPartAndADomainNothingIsShown(String email) {
        assertEquals("***", MaskedEmail.of(email));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdoe@corp.test", "jdoe@mail.corp.test", "jdoe@localhost", "john.doe@example.com"})
    void neitherTheLocalPartNorTheDomainNameIsGivenAway(String email) {
        String masked = MaskedEmail.of(email);
        String local = email.substring(0, email.indexOf('@'));
        String domain = email.substring(email.indexOf('@') + 1);
        String domainName = domain.contains(".") ? domain.substring(0, domain.lastIndexOf('.')) : domain;
        assertFalse(masked.contains(local), masked);
        assertFalse(masked.contains(domainName), masked);
        assertFalse(masked.contains(email), masked);
    }
}
