use wamm_client::build;
use wamm_client::types::{
    DocumentObject, DocumentParameter, DocumentParameterType, GifParameter, GifParameterType,
    HeaderComponent, HeaderComponentType, HeaderParameter, ImageParameter, ImageParameterType,
    LocationParameter, LocationParameterType, LocationValue, MediaLink, MediaObject, ParameterName,
    ProductParameter, ProductParameterType, ProductValue, TextParameter, TextParameterType,
    VideoParameter, VideoParameterType,
};

/// A media file: the ID of an upload, or a public http(s) link.
///
/// ```
/// use marketing::Media;
///
/// let by_link = Media::link("https://cdn.example.org/spring.jpg");
/// let by_id = Media::id("1602427543896754");
/// # let _ = (by_link, by_id);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Media {
    /// The ID returned by a media upload.
    Id(String),
    /// A public URL that Meta downloads; must be http or https.
    Link(String),
}

impl Media {
    /// Media by upload ID.
    pub fn id(id: impl Into<String>) -> Self {
        Self::Id(id.into())
    }

    /// Media by public URL.
    pub fn link(url: impl Into<String>) -> Self {
        Self::Link(url.into())
    }

    /// `id` and `link`, of which exactly one is set.
    fn into_parts(self) -> (Option<String>, Option<MediaLink>) {
        match self {
            Self::Id(id) => (Some(id), None),
            Self::Link(link) => (None, Some(MediaLink(link))),
        }
    }

    fn into_object(self) -> MediaObject {
        let (id, link) = self.into_parts();
        build(MediaObject::builder().id(id).link(link))
    }
}

/// A map pin for a location header.
///
/// ```
/// use marketing::Location;
///
/// let store = Location::new(51.5072, -0.1276).name("Flagship store").address("1 High Street");
/// # let _ = store;
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Location {
    latitude: f64,
    longitude: f64,
    name: Option<String>,
    address: Option<String>,
}

impl Location {
    /// A pin at latitude -90..=90 and longitude -180..=180.
    pub fn new(latitude: f64, longitude: f64) -> Self {
        Self {
            latitude,
            longitude,
            name: None,
            address: None,
        }
    }

    /// Optional: the place's name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Optional: the place's address.
    pub fn address(mut self, address: impl Into<String>) -> Self {
        self.address = Some(address.into());
        self
    }
}

/// The value of a template's header variable. Its kind must match the header format the
/// template was approved with.
///
/// ```
/// use marketing::{Header, Media};
///
/// let header = Header::image(Media::link("https://cdn.example.org/deal.jpg"));
/// let text = Header::text("Spring is here");
/// let pdf = Header::document(Media::id("1166846181421424"), Some("catalogue.pdf"));
/// # let _ = (header, text, pdf);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Header(HeaderParameter);

impl Header {
    /// Text for a positional text header (at most 60 characters in all).
    pub fn text(text: impl Into<String>) -> Self {
        Self::text_parameter(None, text.into())
    }

    /// Text for a named template's header variable.
    pub fn named_text(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self::text_parameter(Some(ParameterName(name.into())), text.into())
    }

    fn text_parameter(name: Option<ParameterName>, text: String) -> Self {
        Self(HeaderParameter::TextParameter(build(
            TextParameter::builder()
                .type_(TextParameterType::Text)
                .parameter_name(name)
                .text(text),
        )))
    }

    /// An image header.
    pub fn image(media: Media) -> Self {
        Self(HeaderParameter::ImageParameter(build(
            ImageParameter::builder()
                .type_(ImageParameterType::Image)
                .image(media.into_object()),
        )))
    }

    /// A video header.
    pub fn video(media: Media) -> Self {
        Self(HeaderParameter::VideoParameter(build(
            VideoParameter::builder()
                .type_(VideoParameterType::Video)
                .video(media.into_object()),
        )))
    }

    /// An animated GIF header (marketing templates only).
    pub fn gif(media: Media) -> Self {
        Self(HeaderParameter::GifParameter(build(
            GifParameter::builder()
                .type_(GifParameterType::Gif)
                .gif(media.into_object()),
        )))
    }

    /// A PDF document header, optionally with the file name shown to the user.
    pub fn document(media: Media, filename: Option<&str>) -> Self {
        let (id, link) = media.into_parts();
        let document = DocumentObject::builder()
            .id(id)
            .link(link)
            .filename(filename.map(str::to_string));
        Self(HeaderParameter::DocumentParameter(build(
            DocumentParameter::builder()
                .type_(DocumentParameterType::Document)
                .document(build::<DocumentObject>(document)),
        )))
    }

    /// A location header.
    pub fn location(location: Location) -> Self {
        let value = LocationValue::builder()
            .latitude(location.latitude)
            .longitude(location.longitude)
            .name(location.name)
            .address(location.address);
        Self(HeaderParameter::LocationParameter(build(
            LocationParameter::builder()
                .type_(LocationParameterType::Location)
                .location(build::<LocationValue>(value)),
        )))
    }

    /// A catalog product header.
    pub fn product(catalog_id: impl Into<String>, product_retailer_id: impl Into<String>) -> Self {
        let value = ProductValue::builder()
            .catalog_id(catalog_id.into())
            .product_retailer_id(product_retailer_id.into());
        Self(HeaderParameter::ProductParameter(build(
            ProductParameter::builder()
                .type_(ProductParameterType::Product)
                .product(build::<ProductValue>(value)),
        )))
    }

    pub(crate) fn into_component(self) -> HeaderComponent {
        build(
            HeaderComponent::builder()
                .type_(HeaderComponentType::Header)
                .parameters([self.0]),
        )
    }
}
