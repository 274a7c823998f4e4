package io.p3protocol.app.sso;

import org.apache.xml.security.Init;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.algorithms.MessageDigestAlgorithm;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The tests' SAML identity provider: an RSA key with a self-signed certificate, and SAML 2.0 Responses built as XML
 * and signed with Apache Santuario (enveloped signature, exclusive C14N, RSA-SHA256, SHA-256 digest), as an IdP does.
 */
final class SamlTestIdp {
    static final String NS_SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
    static final String NS_SAML = "urn:oasis:names:tc:SAML:2.0:assertion";

    final String entityId = "urn:test:idp:" + UUID.randomUUID();
    final KeyPair keys;
    final X509Certificate certificate;

    SamlTestIdp() {
        Init.init();
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=test-idp");
            Instant now = Instant.now();
            certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(365))), name, keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String certificatePem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What goes into one Response; each test changes the one part it is about. */
    static final class Spec {
        String inResponseTo;
        String destination;
        String recipient;
        String audience;
        String issuer;
        String nameId = "alice";
        Instant notBefore = Instant.now().minus(Duration.ofMinutes(1));
        Instant notOnOrAfter = Instant.now().plus(Duration.ofMinutes(5));
        Map<String, List<String>> attributes = new LinkedHashMap<>();

        Spec(String inResponseTo, String acsUrl, String spEntityId, String idpEntityId) {
            this.inResponseTo = inResponseTo;
            this.destination = acsUrl;
            this.recipient = acsUrl;
            this.audience = spEntityId;
            this.issuer = idpEntityId;
        }
    }

    /** The Response as a DOM document, unsigned. */
    Document response(Spec spec) {
        String now = time(Instant.now());
        StringBuilder attributes = new StringBuilder();
        if (!spec.attributes.isEmpty()) {
            attributes.append("<saml:AttributeStatement>");
            spec.attributes.forEach((name, values) -> {
                attributes.append("<saml:Attribute Name=\"").append(name).append("\">");
                values.forEach(v -> attributes.append("<saml:AttributeValue>").append(v).append("</saml:AttributeValue>"));
                attributes.append("</saml:Attribute>");
            });
            attributes.append("</saml:AttributeStatement>");
        }
        String xml = "<samlp:Response xmlns:samlp=\"" + NS_SAMLP + "\" xmlns:saml=\"" + NS_SAML + "\""
                + " ID=\"_r" + UUID.randomUUID() + "\" Version=\"2.0\" IssueInstant=\"" + now + "\""
                + " Destination=\"" + spec.destination + "\""
                + (spec.inResponseTo == null ? "" : " InResponseTo=\"" + spec.inResponseTo + "\"") + ">"
                + "<saml:Issuer>" + spec.issuer + "</saml:Issuer>"
                + "<samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/></samlp:Status>"
                + "<saml:Assertion ID=\"_a" + UUID.randomUUID() + "\" Version=\"2.0\" IssueInstant=\"" + now + "\">"
                + "<saml:Issuer>" + spec.issuer + "</saml:Issuer>"
                + "<saml:Subject>"
                + "<saml:NameID Format=\"urn:oasis:names:tc:SAML:2.0:nameid-format:persistent\">" + spec.nameId + "</saml:NameID>"
                + "<saml:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\">"
                + "<saml:SubjectConfirmationData NotOnOrAfter=\"" + time(spec.notOnOrAfter) + "\" Recipient=\""
                + spec.recipient + "\"" + (spec.inResponseTo == null ? "" : " InResponseTo=\"" + spec.inResponseTo + "\"")
                + "/></saml:SubjectConfirmation>"
                + "</saml:Subject>"
                + "<saml:Conditions NotBefore=\"" + time(spec.notBefore) + "\" NotOnOrAfter=\"" + time(spec.notOnOrAfter) + "\">"
                + "<saml:AudienceRestriction><saml:Audience>" + spec.audience + "</saml:Audience></saml:AudienceRestriction>"
                + "</saml:Conditions>"
                + "<saml:AuthnStatement AuthnInstant=\"" + now + "\" SessionIndex=\"_s" + UUID.randomUUID() + "\">"
                + "<saml:AuthnContext><saml:AuthnContextClassRef>"
                + "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
                + "</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>"
                + attributes
                + "</saml:Assertion></samlp:Response>";
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            document.getDocumentElement().setIdAttributeNS(null, "ID", true);
            assertion(document).setIdAttributeNS(null, "ID", true);
            return document;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs the Assertion with this IdP's key (the usual IdP setting). */
    Document signAssertion(Document document) {
        return signAssertion(document, keys, certificate);
    }

    /** Signs the Assertion with any key, naming its certificate in KeyInfo (as an impostor IdP would). */
    static Document signAssertion(Document document, KeyPair signer, X509Certificate signerCertificate) {
        Element assertion = assertion(document);
        try {
            XMLSignature signature = new XMLSignature(document, "", XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256,
                    Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
            // schema order: the Signature follows the Assertion's Issuer
            Element issuer = (Element) assertion.getElementsByTagNameNS(NS_SAML, "Issuer").item(0);
            assertion.insertBefore(signature.getElement(), issuer.getNextSibling());
            Transforms transforms = new Transforms(document);
            transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
            transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
            signature.addDocument("#" + assertion.getAttribute("ID"), transforms, MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256);
            signature.addKeyInfo(signerCertificate);
            signature.sign(signer.getPrivate());
            return document;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Element assertion(Document document) {
        return (Element) document.getElementsByTagNameNS(NS_SAML, "Assertion").item(0);
    }

    /** What the browser posts to the ACS: the Response, base64-encoded (HTTP-POST binding). */
    static String encode(Document document) {
        try {
            StringWriter out = new StringWriter();
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(document), new StreamResult(out));
            return Base64.getEncoder().encodeToString(out.toString().getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
