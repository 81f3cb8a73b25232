//! One normalised view of a legacy document (text or HTML), with offsets into the source.
