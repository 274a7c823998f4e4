package io.p3protocol.command.sso;

import com.onelogin.saml2.authn.SamlResponse;
import com.onelogin.saml2.exception.ValidationError;
import com.onelogin.saml2.model.SubjectConfirmationIssue;
import com.onelogin.saml2.settings.Saml2Settings;
import com.onelogin.saml2.util.Constants;
import com.onelogin.saml2.util.Util;
import io.p3protocol.command.sso.SsoDirectory.ProviderView;
import io.p3protocol.kernel.sso.SsoRejectionReason;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Validates a SAML Response posted to the ACS with java-saml, and names what is wrong with it. All checks are the
 * library's: which elements are signed and that the assertion read is the signed one (signature wrapping), the XML
 * signature against the provider's certificate, schema, InResponseTo, Conditions, Destination, Audience, Issuer and
 * the bearer SubjectConfirmation (Recipient, NotOnOrAfter). This class only orders them and maps the outcome.
 */
final class SamlResponseCheck {
    /** What a valid response says about the user. */
    record ValidAssertion(String nameId, Map<String, List<String>> attributes) {
        List<String> values(String attribute) {
            return attributes.getOrDefault(attribute, List.of());
        }

        /** The values the role mapping looks at: the {@code groups} and {@code roles} attributes. */
        List<String> granted() {
            List<String> granted = new ArrayList<>(values("groups"));
            granted.addAll(values("roles"));
            return granted;
        }
    }

    private SamlResponseCheck() {
    }

    /**
     * The {@code InResponseTo} of the posted Response, read before anything is verified: it only says which login
     * to look up (and spend). Null when the Response names no request (an IdP-initiated, unsolicited response).
     *
     * @throws SsoLoginFailure {@code SAML_RESPONSE_INVALID} when the parameter is no base64-encoded SAML Response
     */
    static String inResponseTo(String samlResponse) {
        Document document = Util.loadXML(new String(Util.base64decoder(samlResponse), StandardCharsets.UTF_8));
        Element root = document == null ? null : document.getDocumentElement();
        if (root == null || !Constants.NS_SAMLP.equals(root.getNamespaceURI()) || !"Response".equals(root.getLocalName())) {
            throw new SsoLoginFailure(SsoRejectionReason.SAML_RESPONSE_INVALID,
                    "SAMLResponse is not a base64-encoded SAML 2.0 Response");
        }
        return root.hasAttribute("InResponseTo") ? root.getAttribute("InResponseTo") : null;
    }

    /**
     * Validates {@code samlResponse} as the answer to the AuthnRequest {@code requestId} of {@code provider}.
     * The signature is checked first, on its own, so that a forged or unsigned response is reported as such whatever
     * else it claims; then every strict check. Time checks use the system clock with java-saml's 180 s drift.
     */
    static ValidAssertion validate(ProviderView provider, String samlResponse, String requestId) {
        Checked signatureOnly = load(SamlSettings.of(provider, false), provider, samlResponse);
        if (!signatureOnly.isValid(requestId)) {
            throw signatureOnly.failure();
        }
        Checked strict = load(SamlSettings.of(provider, true), provider, samlResponse);
        if (!strict.isValid(requestId)) {
            throw strict.failure();
        }
        try {
            // java-saml accepts an assertion without any <Audience>; an assertion for anyone is not one for us
            if (strict.getAudiences().isEmpty()) {
                throw new SsoLoginFailure(SsoRejectionReason.AUDIENCE_MISMATCH, "the assertion names no Audience");
            }
            return new ValidAssertion(strict.getNameId(), strict.getAttributes());
        } catch (SsoLoginFailure failure) {
            throw failure;
        } catch (Exception e) {
            throw new SsoLoginFailure(SsoRejectionReason.SAML_RESPONSE_INVALID, "the assertion cannot be read: "
                    + e.getMessage());
        }
    }

    private static Checked load(Saml2Settings settings, ProviderView provider, String samlResponse) {
        try {
            // The Recipient and Destination must be the ACS URL registered for the provider (the public URL the IdP
            // was given), not whatever URL this request reached behind a proxy.
            return new Checked(settings, provider.redirectUri(), samlResponse);
        } catch (Exception e) {
            throw new SsoLoginFailure(SsoRejectionReason.SAML_RESPONSE_INVALID, "the SAML Response cannot be parsed");
        }
    }

    /** java-saml's response, noting when a SubjectConfirmation was refused for its Recipient. */
    private static final class Checked extends SamlResponse {
        private boolean recipientRefused;

        Checked(Saml2Settings settings, String acsUrl, String samlResponse) throws Exception {
            super(settings, acsUrl, samlResponse);
        }

        @Override
        protected SubjectConfirmationIssue validateRecipient(Node recipient, int index) {
            SubjectConfirmationIssue issue = super.validateRecipient(recipient, index);
            recipientRefused |= issue != null;
            return issue;
        }

        SsoLoginFailure failure() {
            Exception cause = getValidationException();
            String detail = cause == null || cause.getMessage() == null ? "invalid SAML Response" : cause.getMessage();
            return new SsoLoginFailure(reasonOf(cause, recipientRefused), detail);
        }
    }

    static SsoRejectionReason reasonOf(Exception cause, boolean recipientRefused) {
        if (!(cause instanceof ValidationError error)) {
            return SsoRejectionReason.SAML_RESPONSE_INVALID;
        }
        return switch (error.getErrorCode()) {
            case ValidationError.NO_SIGNATURE_FOUND, ValidationError.NO_SIGNED_MESSAGE,
                 ValidationError.NO_SIGNED_ASSERTION -> SsoRejectionReason.SIGNATURE_MISSING;
            case ValidationError.INVALID_SIGNATURE, ValidationError.WRONG_SIGNED_ELEMENT,
                 ValidationError.ID_NOT_FOUND_IN_SIGNED_ELEMENT, ValidationError.DUPLICATED_ID_IN_SIGNED_ELEMENTS,
                 ValidationError.INVALID_SIGNED_ELEMENT, ValidationError.DUPLICATED_REFERENCE_IN_SIGNED_ELEMENTS,
                 ValidationError.UNEXPECTED_SIGNED_ELEMENTS, ValidationError.WRONG_NUMBER_OF_SIGNATURES_IN_RESPONSE,
                 ValidationError.WRONG_NUMBER_OF_SIGNATURES_IN_ASSERTION, ValidationError.WRONG_NUMBER_OF_SIGNATURES,
                 ValidationError.UNEXPECTED_REFERENCE -> SsoRejectionReason.SIGNATURE_INVALID;
            case ValidationError.STATUS_CODE_IS_NOT_SUCCESS -> SsoRejectionReason.PROVIDER_ERROR;
            case ValidationError.WRONG_AUDIENCE -> SsoRejectionReason.AUDIENCE_MISMATCH;
            case ValidationError.WRONG_DESTINATION, ValidationError.EMPTY_DESTINATION ->
                    SsoRejectionReason.DESTINATION_MISMATCH;
            case ValidationError.WRONG_ISSUER, ValidationError.ISSUER_MULTIPLE_IN_RESPONSE,
                 ValidationError.ISSUER_NOT_FOUND_IN_ASSERTION -> SsoRejectionReason.ISSUER_MISMATCH;
            case ValidationError.ASSERTION_EXPIRED, ValidationError.SESSION_EXPIRED, ValidationError.RESPONSE_EXPIRED ->
                    SsoRejectionReason.ASSERTION_EXPIRED;
            case ValidationError.ASSERTION_TOO_EARLY -> SsoRejectionReason.ASSERTION_NOT_YET_VALID;
            case ValidationError.WRONG_SUBJECTCONFIRMATION -> subjectConfirmationReason(error, recipientRefused);
            default -> SsoRejectionReason.SAML_RESPONSE_INVALID;
        };
    }

    /**
     * java-saml reports all SubjectConfirmation problems under one code; its Recipient check is overridable, and
     * its time checks say "no longer valid" / "not yet valid" (messages of the pinned 2.9.0).
     */
    private static SsoRejectionReason subjectConfirmationReason(ValidationError error, boolean recipientRefused) {
        String message = String.valueOf(error.getMessage());
        if (recipientRefused) {
            return SsoRejectionReason.RECIPIENT_MISMATCH;
        }
        if (message.contains("is no longer valid")) {
            return SsoRejectionReason.ASSERTION_EXPIRED;
        }
        if (message.contains("is not yet valid")) {
            return SsoRejectionReason.ASSERTION_NOT_YET_VALID;
        }
        return SsoRejectionReason.SAML_RESPONSE_INVALID;
    }
}
