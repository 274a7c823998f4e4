package io.p3protocol.kernel.vault;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The original's formats (spec F3): a service that used the original's values accepts ours. */
class ManagedSecretKindTest {
    @Test
    void jwtSecretIs64BytesHex() {
        assertThat(ManagedSecretKind.JWT_SECRET.generate()).matches("[0-9a-f]{128}");
    }

    @Test
    void ipSaltIs32BytesHex() {
        assertThat(ManagedSecretKind.IP_SALT.generate()).matches("[0-9a-f]{64}");
    }

    @Test
    void turnUsernameIsTurnUnderscoreAnd16BytesHex() {
        assertThat(ManagedSecretKind.TURN_USERNAME.generate()).matches("turn_[0-9a-f]{32}").hasSize(37);
    }

    @Test
    void turnCredentialIs32BytesBase64() {
        String value = ManagedSecretKind.TURN_CREDENTIAL.generate();
        assertThat(value).hasSize(44);
        assertThat(Base64.getDecoder().decode(value)).hasSize(32);
    }

    @Test
    void storageTokensAreTempKindAnd16BytesHex() {
        assertThat(ManagedSecretKind.PINATA_JWT.generate()).matches("temp_pinata_jwt_[0-9a-f]{32}");
        assertThat(ManagedSecretKind.WEB3_STORAGE_TOKEN.generate()).matches("temp_web3_storage_token_[0-9a-f]{32}");
        assertThat(ManagedSecretKind.NFT_STORAGE_TOKEN.generate()).matches("temp_nft_storage_token_[0-9a-f]{32}");
    }

    @Test
    void aCustomNameGets32RandomBytesBase64Url() {
        String value = ManagedSecretKind.generateFor("my-api-token");
        assertThat(Base64.getUrlDecoder().decode(value)).hasSize(32);
    }

    @Test
    void twoGeneratedValuesDiffer() {
        assertThat(ManagedSecretKind.IP_SALT.generate()).isNotEqualTo(ManagedSecretKind.IP_SALT.generate());
    }

    @Test
    void managedNamesMatchExactly() {
        assertThat(ManagedSecretKind.of("IP_SALT")).contains(ManagedSecretKind.IP_SALT);
        assertThat(ManagedSecretKind.of("ip_salt")).isEmpty();
    }
}
