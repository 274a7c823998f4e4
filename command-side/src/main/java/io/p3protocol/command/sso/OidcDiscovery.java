package io.p3protocol.command.sso;

/** The parts of an issuer's {@code /.well-known/openid-configuration} the code flow needs. */
public record OidcDiscovery(String issuer, String authorizationEndpoint, String tokenEndpoint, String jwksUri) {
}
