//! HTTPS for the sandbox (`--tls`): a certificate for this machine, made at start by a CA of
//! its own (rcgen), or one given as files; ALPN offers HTTP/2 and HTTP/1.1.
//!
//! The CA's certificate is what a client trusts (`wamm --ca-cert FILE`); its key lives only
//! in memory and is gone when the sandbox stops, so the CA can sign nothing else.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

/// The names a generated certificate is valid for.
const NAMES: [&str; 3] = ["127.0.0.1", "::1", "localhost"];

/// A certificate and key to serve HTTPS with, and the CA that signed it when the sandbox
/// made it.
///
/// ```
/// let tls = wamm_sandbox::TlsConfig::generate().unwrap();
/// assert!(tls.ca_pem().unwrap().starts_with("-----BEGIN CERTIFICATE-----"));
/// ```
#[derive(Clone)]
pub struct TlsConfig {
    cert_pem: String,
    key_pem: String,
    ca_pem: Option<String>,
}

/// The key is a secret: `Debug` never shows it.
impl std::fmt::Debug for TlsConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsConfig")
            .field("generated", &self.ca_pem.is_some())
            .finish_non_exhaustive()
    }
}

impl TlsConfig {
    /// A new CA and a certificate it signs for 127.0.0.1, ::1 and localhost.
    pub fn generate() -> Result<Self, String> {
        let failed = |e: rcgen::Error| format!("cannot make a certificate: {e}");
        let ca_key = rcgen::KeyPair::generate().map_err(failed)?;
        let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).map_err(failed)?;
        ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "wamm sandbox CA");
        let ca = rcgen::CertifiedIssuer::self_signed(ca_params, ca_key).map_err(failed)?;
        let key = rcgen::KeyPair::generate().map_err(failed)?;
        let mut params =
            rcgen::CertificateParams::new(NAMES.map(String::from).to_vec()).map_err(failed)?;
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "wamm sandbox");
        let cert = params.signed_by(&key, &ca).map_err(failed)?;
        Ok(Self {
            cert_pem: cert.pem(),
            key_pem: key.serialize_pem(),
            ca_pem: Some(ca.pem()),
        })
    }

    /// A certificate chain and its private key, from PEM files.
    pub fn from_files(cert: &Path, key: &Path) -> Result<Self, String> {
        let read = |path: &Path, what: &str| {
            std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read --tls-{what} {}: {e}", path.display()))
        };
        let config = Self {
            cert_pem: read(cert, "cert")?,
            key_pem: read(key, "key")?,
            ca_pem: None,
        };
        config.server_config()?;
        Ok(config)
    }

    /// The generated CA's certificate (PEM), for clients to trust; `None` for files given.
    pub fn ca_pem(&self) -> Option<&str> {
        self.ca_pem.as_deref()
    }

    fn server_config(&self) -> Result<rustls::ServerConfig, String> {
        let chain = CertificateDer::pem_slice_iter(self.cert_pem.as_bytes())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| format!("the certificate is not PEM: {e}"))?;
        if chain.is_empty() {
            return Err("no certificate in the certificate file".to_string());
        }
        let key = PrivateKeyDer::from_pem_slice(self.key_pem.as_bytes())
            .map_err(|e| format!("the private key is not PEM: {e}"))?;
        let mut config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::aws_lc_rs::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| format!("the certificate and key do not go together: {e}"))?;
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        Ok(config)
    }

    /// The acceptor the accept loop wraps connections with, counting in `counts`.
    pub(crate) fn acceptor(&self, counts: Arc<TlsCounts>) -> Result<Tls, String> {
        Ok(Tls {
            acceptor: tokio_rustls::TlsAcceptor::from(Arc::new(self.server_config()?)),
            counts,
        })
    }
}

/// Connections served over TLS since start.
#[derive(Debug, Default)]
pub(crate) struct TlsCounts {
    /// Handshakes completed (a new TLS session each: one per connection).
    pub(crate) handshakes: AtomicU64,
    /// Of those, connections that agreed on HTTP/2.
    pub(crate) http2: AtomicU64,
}

/// What the accept loop needs to serve HTTPS.
#[derive(Clone)]
pub(crate) struct Tls {
    pub(crate) acceptor: tokio_rustls::TlsAcceptor,
    counts: Arc<TlsCounts>,
}

impl Tls {
    /// Counts a completed handshake, and whether it agreed on HTTP/2.
    pub(crate) fn handshake_done(&self, http2: bool) {
        self.counts.handshakes.fetch_add(1, Ordering::Relaxed);
        if http2 {
            self.counts.http2.fetch_add(1, Ordering::Relaxed);
        }
    }
}

impl std::fmt::Debug for Tls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tls").finish_non_exhaustive()
    }
}
