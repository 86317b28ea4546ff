"""Silent-report alarms: the sound player, the alarm policy and the alert journal."""
