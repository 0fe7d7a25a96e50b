package io.integrationshub.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationshub.common.Times;
import io.integrationshub.secrets.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An integration's credentials, sealed to its own row: set, copied to a clone's row, erased. */
@ApplicationScoped
public class IntegrationSealing {
    private final SecretCipher cipher;

    public IntegrationSealing(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** Seals the credentials to the integration's row (also used when the broker is disabled). */
    public void seal(Integration integration, JsonNode credentials) {
        Map<String, String> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = credentials.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            values.put(field.getKey(), field.getValue().asText());
        }
        SecretCipher.Sealed sealed = cipher.sealJson(values, Integration.CREDENTIALS_CONTEXT, integration.id);
        integration.credentialsCiphertext = sealed.ciphertext();
        integration.credentialsKeyId = sealed.keyId();
        integration.credentialFields = values.keySet().stream().sorted().toList();
        integration.credentialsUpdatedAt = Times.now();
    }

    /** Re-sealed for the copy: the ciphertext is bound to its row and cannot simply be copied. */
    void copy(Integration source, Integration copy) {
        if (!source.hasCredentials()) {
            copy.credentialFields = List.of();
            return;
        }
        Map<String, String> plain = cipher.openJson(source.credentialsCiphertext, Integration.CREDENTIALS_CONTEXT, source.id);
        SecretCipher.Sealed sealed = cipher.sealJson(plain, Integration.CREDENTIALS_CONTEXT, copy.id);
        copy.credentialsCiphertext = sealed.ciphertext();
        copy.credentialsKeyId = sealed.keyId();
        copy.credentialFields = List.copyOf(source.credentialFields);
        copy.credentialsUpdatedAt = copy.createdAt;
    }

    static void erase(Integration integration) {
        integration.credentialsCiphertext = null;
        integration.credentialsKeyId = null;
        integration.credentialFields = List.of();
        integration.credentialsUpdatedAt = Times.now();
    }
}
