/* The routine player: filled in by the player work; see templates/routine.html. */
