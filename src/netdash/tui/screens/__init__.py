"""One module per screen; dialogs are ModalScreens that return their result through dismiss()."""
