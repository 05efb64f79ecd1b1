"""Pure rules of netdash: parsing, validation and scoring that need neither SQL nor a screen."""
